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

/**
 * The same logger, built at its first line: a function whose requests usually log nothing (the
 * oEmbed function answers most of them without a line) does not build it in every cold start
 * (docs/adr/0017-oembed-reads-without-the-sdk.md).
 */
export function buildLoggerOnFirstLine(level: LogLevel): Log {
  let logger: Logger | null = null;
  const get = (): Logger => {
    logger ??= buildLogger(level);
    return logger;
  };
  return {
    error: (message, attributes) => get().error(message, attributes),
    warn: (message, attributes) => get().warn(message, attributes),
    info: (message, attributes) => get().info(message, attributes),
  };
}
