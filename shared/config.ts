import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The only reader of process.env: everything else receives a frozen, validated Config. */
export interface Config {
  readonly bucket: string;
  readonly table: string;
  readonly region: string;
  readonly publicBaseUrl: string;
  /** sha256 hex digests of the keys allowed to write; clear keys are never kept. */
  readonly apiKeyHashes: readonly string[];
  /** When set, requests meant for Instagram's hosts go here instead (tests and offline demos). */
  readonly instagramOrigin: string | null;
  readonly port: number;
  readonly dataDir: string;
  readonly s3Endpoint: string | null;
  readonly dynamoEndpoint: string | null;
  /** How often `npm start` asks Instagram again about archived posts; 0 turns it off. */
  readonly recheckIntervalMinutes: number;
  /** A post is asked about again once its last check is this old. */
  readonly recheckMaxAgeHours: number;
  /** At most this many posts per re-check run (one Lambda invocation in AWS). */
  readonly recheckBatch: number;
  /** Lowest level the logger writes: DEBUG, INFO, WARN, ERROR, SILENT. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
}

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value))
  .pipe(z.url({ protocol: /^https?$/ }).nullable())
  .optional();

const schema = z.object({
  POSTKEEP_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .default('postkeep'),
  POSTKEEP_TABLE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/)
    .default('postkeep'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  PUBLIC_BASE_URL: optionalUrl,
  API_KEYS: z.string().optional(),
  API_KEY_HASHES: z.string().optional(),
  INSTAGRAM_ORIGIN: optionalUrl,
  DATA_DIR: z.string().min(1).default('.data'),
  AWS_ENDPOINT_URL_S3: optionalUrl,
  AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
  RECHECK_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(360),
  RECHECK_MAX_AGE_HOURS: z.coerce.number().min(0).max(8_760).default(24),
  RECHECK_BATCH: z.coerce.number().int().min(1).max(100).default(20),
  LOG_LEVEL: z
    .string()
    .transform((value) => value.trim().toUpperCase())
    .pipe(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']))
    .default('INFO'),
});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const hashes = splitList(e.API_KEY_HASHES);
  if (hashes.some((hash) => !/^[0-9a-f]{64}$/.test(hash))) {
    throw new ConfigError('Invalid configuration: API_KEY_HASHES must hold sha256 hex digests');
  }
  return Object.freeze({
    bucket: e.POSTKEEP_BUCKET,
    table: e.POSTKEEP_TABLE,
    region: e.AWS_REGION,
    publicBaseUrl: stripSlash(e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`),
    apiKeyHashes: Object.freeze([...hashes, ...splitList(e.API_KEYS).map(hashApiKey)]),
    instagramOrigin: e.INSTAGRAM_ORIGIN ? stripSlash(e.INSTAGRAM_ORIGIN) : null,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    s3Endpoint: e.AWS_ENDPOINT_URL_S3 ?? null,
    dynamoEndpoint: e.AWS_ENDPOINT_URL_DYNAMODB ?? null,
    recheckIntervalMinutes: e.RECHECK_INTERVAL_MINUTES,
    recheckMaxAgeHours: e.RECHECK_MAX_AGE_HOURS,
    recheckBatch: e.RECHECK_BATCH,
    logLevel: e.LOG_LEVEL,
  });
}

/** A copy of the config with some fields replaced: used by the local server once ports are known. */
export function withConfig(config: Config, changes: Partial<Config>): Config {
  return Object.freeze({ ...config, ...changes });
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Defaults of the editors' command (`npm run rescue`); flags override them. */
export interface CliDefaults {
  readonly server: string;
  readonly key: string | null;
}

export function loadCliDefaults(env: Readonly<Record<string, string | undefined>> = process.env): CliDefaults {
  const port = Number.parseInt(env.PORT ?? '', 10);
  return Object.freeze({
    server: stripSlash(env.POSTKEEP_SERVER ?? `http://127.0.0.1:${Number.isInteger(port) ? port : 8787}`),
    key: env.POSTKEEP_API_KEY?.trim() || null,
  });
}
