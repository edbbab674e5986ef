/**
 * What the service code needs of a logger: structured lines with extra fields. The functions
 * build one Powertools Logger (functions/http/logger.ts) and hand it in; pure code never logs.
 */
export interface Log {
  error(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  info(message: string, attributes: Record<string, unknown>): void;
}
