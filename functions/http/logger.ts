import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '../../shared/config.js';
import type { Log } from '../../shared/log.js';

export type { Log };

/**
 * The one logger of the functions and the local server: JSON lines (what CloudWatch Logs
 * Insights reads), built once in the wiring. The level comes from the config (LOG_LEVEL).
 */
export function buildLogger(level: LogLevel): Logger {
  return new Logger({ serviceName: 'postkeep', logLevel: level });
}
