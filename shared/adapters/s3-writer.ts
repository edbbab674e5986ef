import { createHash } from 'node:crypto';
import aws4 from 'aws4';
import type { ReadConfig, StorageCredentials } from '../config.js';
import { type SignedStoreOptions, StoreServiceError, sendToStore, signedStoreSettings, withStorageAttempts } from './signed-http.js';
import type { StorageTimeouts } from './storage-timeouts.js';

export interface PutObjectInput {
  readonly key: string;
  readonly body: Buffer | string;
  readonly contentType: string;
  readonly cacheControl?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** The body's sha256 (hex) when already known: the request is signed with it instead of hashing the body again. */
  readonly sha256?: string;
}

/**
 * PutObject without the SDK: signed with SigV4 by aws4 (the payload's sha256 signed, so S3
 * refuses a body that changed on the way), sent with the storage time-outs and attempts
 * (signed-http.ts). A capture writes about fourteen objects, and through the SDK each cost more
 * main-thread CPU than signing and sending it (docs/adr/0018-captures-write-objects-without-the-sdk.md).
 * Path-style against a local endpoint (s3rver); in AWS the bucket's regional virtual host, or
 * path-style when the bucket's name has a dot (a virtual host would not match the certificate).
 */
export class S3Writer {
  private readonly origin: URL;
  private readonly prefix: string;
  private readonly timeouts: StorageTimeouts;
  private readonly credentials: () => StorageCredentials;

  constructor(
    private readonly config: Pick<ReadConfig, 'region' | 'dynamoEndpoint' | 's3Endpoint'>,
    bucket: string,
    options: SignedStoreOptions = {},
  ) {
    const pathStyle = config.s3Endpoint !== null || bucket.includes('.');
    this.origin = new URL(
      config.s3Endpoint ??
        (pathStyle ? `https://s3.${config.region}.amazonaws.com/` : `https://${bucket}.s3.${config.region}.amazonaws.com/`),
    );
    const base = this.origin.pathname.replace(/\/+$/, '');
    this.prefix = pathStyle ? `${base}/${encodeURIComponent(bucket)}` : base;
    ({ timeouts: this.timeouts, credentials: this.credentials } = signedStoreSettings(config, options));
  }

  /**
   * Where an object's key is written: each segment percent-encoded as S3 signs it (RFC 3986, so
   * `!'()*` too), never resolved as a path. A key with an empty, `.` or `..` segment is refused:
   * it would name another object, or another host.
   */
  target(key: string): URL {
    const segments = key.split('/');
    if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
      throw new Error(`Refusing to write the object key ${JSON.stringify(key)}: it has an empty, "." or ".." segment.`);
    }
    return new URL(`${this.origin.origin}${this.prefix}/${segments.map(encodeSegment).join('/')}`);
  }

  async put(input: PutObjectInput): Promise<void> {
    const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
    const sha256 = input.sha256 ?? createHash('sha256').update(body).digest('hex');
    const url = this.target(input.key);
    const headers: Record<string, string> = {
      Host: this.origin.host,
      'Content-Type': input.contentType,
      'Content-Length': String(body.length),
      'X-Amz-Content-Sha256': sha256,
      ...(input.cacheControl ? { 'Cache-Control': input.cacheControl } : {}),
    };
    for (const [name, value] of Object.entries(input.metadata ?? {})) headers[`x-amz-meta-${name.toLowerCase()}`] = value;
    await withStorageAttempts('S3', this.timeouts, async () => {
      // Signed per attempt: the credentials may have been renewed, and the date moves on.
      const signed = aws4.sign(
        { host: this.origin.host, path: url.pathname, method: 'PUT', service: 's3', region: this.config.region, headers: { ...headers } },
        this.credentials(),
      );
      const answer = await sendToStore('S3', url, 'PUT', signed.headers ?? {}, body, this.timeouts);
      if (answer.status >= 200 && answer.status < 300) return;
      throw s3Refusal(answer.status, answer.body.toString('utf8'), input.key);
    });
  }
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** S3's XML error (`<Code>`, `<Message>`) as a StoreServiceError; a body without one is named by its status. */
function s3Refusal(status: number, xml: string, key: string): StoreServiceError {
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(xml)?.[1] ?? `Http${status}`;
  const message = /<Message>([^<]{1,500})<\/Message>/.exec(xml)?.[1] ?? `S3 answered ${status} to a PUT of ${key}`;
  return new StoreServiceError(code, message, status);
}
