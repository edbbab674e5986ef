import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What the read-only oEmbed function needs: checked by hand, without zod, so that function's
 * bundle and start-up carry no schema library (the write path's Config extends it).
 */
export interface ReadConfig {
  readonly table: string;
  readonly region: string;
  readonly port: number;
  /** Base of every URL the service hands out, without a trailing slash. */
  readonly publicBaseUrl: string;
  /** Other origins that reach the same embeds (another host name, the CDN's own domain). */
  readonly publicBaseAliases: readonly string[];
  readonly s3Endpoint: string | null;
  readonly dynamoEndpoint: string | null;
  /** Lowest level the logger writes: DEBUG, INFO, WARN, ERROR, SILENT. */
  readonly logLevel: LogLevel;
}

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The only reader of process.env: everything else receives a frozen, validated Config. */
export interface Config extends ReadConfig {
  readonly bucket: string;
  /** sha256 hex digests of the keys allowed to write; clear keys are never kept. */
  readonly apiKeyHashes: readonly string[];
  /** When set, requests meant for Instagram's hosts go here instead (tests and offline demos). */
  readonly instagramOrigin: string | null;
  readonly dataDir: string;
  /** How often `npm start` asks Instagram again about archived posts; 0 turns it off. */
  readonly recheckIntervalMinutes: number;
  /** A post is asked about again once its last check is this old. */
  readonly recheckMaxAgeHours: number;
  /** At most this many posts per re-check run (one Lambda invocation in AWS). */
  readonly recheckBatch: number;
}

const optionalUrl = () =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .pipe(z.url({ protocol: /^https?$/ }).nullable())
    .optional();

// Built on first use, so a bundle that only calls loadReadConfig leaves zod out.
const writeSchema = () =>
  z.object({
    POSTKEEP_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
      .default('postkeep'),
    API_KEYS: z.string().optional(),
    API_KEY_HASHES: z.string().optional(),
    INSTAGRAM_ORIGIN: optionalUrl(),
    DATA_DIR: z.string().min(1).default('.data'),
    RECHECK_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(360),
    RECHECK_MAX_AGE_HOURS: z.coerce.number().min(0).max(8_760).default(24),
    RECHECK_BATCH: z.coerce.number().int().min(1).max(100).default(20),
  });

type Env = Readonly<Record<string, string | undefined>>;

/** Table, region, port, public URLs and storage endpoints; throws ConfigError naming every problem. */
export function loadReadConfig(env: Env = process.env): ReadConfig {
  const problems: string[] = [];
  const field = <T>(name: string, read: (value: string | undefined) => T, fallback: T): T => {
    try {
      return read(env[name]);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      return fallback;
    }
  };
  const table = field('POSTKEEP_TABLE', (v) => matching(v ?? 'postkeep', /^[A-Za-z0-9_.-]{3,255}$/), '');
  const region = field('AWS_REGION', (v) => (v === undefined ? 'us-east-1' : matching(v, /^[a-z0-9-]+$/)), '');
  const port = field('PORT', (v) => integer(v, 8787, 0, 65_535), 0);
  const base = field('PUBLIC_BASE_URL', httpUrl, null);
  const aliases = field('PUBLIC_BASE_ALIASES', (v) => splitList(v).map((u) => stripSlash(httpUrl(u) ?? '')), []);
  const s3Endpoint = field('AWS_ENDPOINT_URL_S3', httpUrl, null);
  const dynamoEndpoint = field('AWS_ENDPOINT_URL_DYNAMODB', httpUrl, null);
  const logLevel = field('LOG_LEVEL', logLevelOf, 'INFO');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return Object.freeze({
    table,
    region,
    port,
    publicBaseUrl: stripSlash(base ?? `http://127.0.0.1:${port}`),
    publicBaseAliases: Object.freeze(aliases),
    s3Endpoint,
    dynamoEndpoint,
    logLevel,
  });
}

/** Credentials that sign a storage request. */
export interface StorageCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * The role's credentials as Lambda hands them to a function: AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (the SDK's env-only provider reads the same
 * three). Read at each call, like that provider; throws ConfigError when the first two are unset.
 */
export function loadEnvCredentials(env: Env = process.env): StorageCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY ?? '';
  if (accessKeyId === '' || secretAccessKey === '') {
    throw new ConfigError('No storage credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.');
  }
  const sessionToken = env.AWS_SESSION_TOKEN ?? '';
  return sessionToken === '' ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
}

/** LOG_LEVEL in any case, INFO when unset or blank. */
function logLevelOf(value: string | undefined): LogLevel {
  const text = value?.trim().toUpperCase() ?? '';
  if (text === '') return 'INFO';
  const level = LOG_LEVELS.find((l) => l === text);
  if (!level) throw new Error(`must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

function matching(value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new Error(`must match ${pattern}`);
  return value;
}

function integer(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`must be a whole number from ${min} to ${max}`);
  return n;
}

/** An http(s) URL, null when unset or blank. */
function httpUrl(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // not a URL at all: reported below
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new Error('must be an http(s) URL');
  return text;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function loadConfig(env: Env = process.env): Config {
  const read = loadReadConfig(env);
  const parsed = writeSchema().safeParse(env);
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
    ...read,
    bucket: e.POSTKEEP_BUCKET,
    apiKeyHashes: Object.freeze([...hashes, ...splitList(e.API_KEYS).map(hashApiKey)]),
    instagramOrigin: e.INSTAGRAM_ORIGIN ? stripSlash(e.INSTAGRAM_ORIGIN) : null,
    dataDir: e.DATA_DIR,
    recheckIntervalMinutes: e.RECHECK_INTERVAL_MINUTES,
    recheckMaxAgeHours: e.RECHECK_MAX_AGE_HOURS,
    recheckBatch: e.RECHECK_BATCH,
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
