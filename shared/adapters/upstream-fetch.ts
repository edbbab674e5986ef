import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import pRetry, { AbortError } from 'p-retry';
import { UpstreamError } from '../errors.js';
import { checkUpstreamUrl, isPublicAddress } from '../security/upstream-policy.js';

export interface UpstreamResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  /** The allowlisted URL that finally answered, after redirects. */
  readonly url: string;
}

export interface FetchOptions {
  /** What the body must be: checked against Content-Type before the body is read. */
  readonly expect: 'html' | 'image';
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Statuses that are answers rather than failures (e.g. 404 for a post page that is gone). */
  readonly acceptStatuses?: readonly number[];
}

export type UpstreamFetch = (url: string, options: FetchOptions) => Promise<UpstreamResponse>;

export interface UpstreamFetchDeps {
  /** From INSTAGRAM_ORIGIN: send every request there, naming the real host in X-Upstream-Host. */
  readonly origin: string | null;
  /** DNS resolution; replaceable so tests can point an allowed name at a private address. */
  readonly resolve?: (hostname: string) => Promise<readonly LookupAddress[]>;
  readonly retries?: number;
}

const MAX_REDIRECTS = 4;
const USER_AGENT = 'postkeep/0.1 (+archiving posts quoted in articles)';
const IMAGE_TYPES = /^image\/(jpeg|png|webp|gif|avif|heic|heif)$/;

/**
 * One safe fetcher for everything postkeep asks of Instagram (docs/design.md, security decisions):
 * https on allowlisted hosts only, every resolved address public (checked on the very socket
 * that connects, so DNS rebinding cannot slip in), every redirect hop re-checked, a deadline
 * and a byte cap on every response, content types checked, one polite retry on 429/5xx.
 */
export function createUpstreamFetch(deps: UpstreamFetchDeps): UpstreamFetch {
  const resolve = deps.resolve ?? defaultResolve;
  const retries = deps.retries ?? 1;

  return async (url, options) =>
    pRetry(
      async () => {
        try {
          return await fetchFollowingRedirects(url, options, deps.origin, resolve);
        } catch (error) {
          if (error instanceof UpstreamError && error.retryable) throw error;
          throw new AbortError(error instanceof Error ? error : new Error(String(error)));
        }
      },
      { retries, minTimeout: 300, maxTimeout: 1500, randomize: true },
    );
}

async function fetchFollowingRedirects(
  start: string,
  options: FetchOptions,
  origin: string | null,
  resolve: (hostname: string) => Promise<readonly LookupAddress[]>,
): Promise<UpstreamResponse> {
  const deadline = Date.now() + options.timeoutMs;
  let current = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const check = checkUpstreamUrl(current);
    if (!check.ok) throw new UpstreamError('upstream_blocked', `Refused to fetch ${describe(current)}: ${check.reason}.`);
    const response = await requestOnce(check.url, options, origin, resolve, deadline);
    if ('location' in response) {
      current = resolveLocation(response.location, check.url);
      continue;
    }
    return response;
  }
  throw new UpstreamError('upstream_failed', `Instagram redirected more than ${MAX_REDIRECTS} times.`);
}

function requestOnce(
  target: URL,
  options: FetchOptions,
  origin: string | null,
  resolve: (hostname: string) => Promise<readonly LookupAddress[]>,
  deadline: number,
): Promise<UpstreamResponse | { location: string }> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(timeoutError(target));
  const viaOrigin = origin ? new URL(target.pathname + target.search, origin) : target;
  const client = viaOrigin.protocol === 'http:' ? http : https;
  const headers: Record<string, string> = {
    'User-Agent': USER_AGENT,
    Accept: options.expect === 'html' ? 'text/html' : 'image/avif,image/webp,image/jpeg,image/png,image/*;q=0.8',
    'Accept-Language': 'en-US,en;q=0.8',
  };
  if (origin) headers['X-Upstream-Host'] = target.hostname;

  return new Promise((resolvePromise, reject) => {
    const request = client.request(viaOrigin, {
      method: 'GET',
      headers,
      // The configured origin is trusted as configured; real hosts are resolved and checked.
      ...(origin ? {} : { lookup: checkedLookup(resolve) }),
      timeout: remaining,
    });
    const timer = setTimeout(() => request.destroy(timeoutError(target)), remaining);
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      reject(
        error instanceof UpstreamError
          ? error
          : new UpstreamError('upstream_failed', `Could not reach ${target.hostname}.`, { cause: error, retryable: true }),
      );
    };
    request.on('timeout', () => request.destroy(timeoutError(target)));
    request.on('error', fail);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        clearTimeout(timer);
        resolvePromise({ location });
        return;
      }
      const problem = statusProblem(status, options, target);
      if (problem) {
        response.resume();
        return fail(problem);
      }
      const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const typeOk = options.expect === 'html' ? contentType === 'text/html' : IMAGE_TYPES.test(contentType);
      if (!typeOk) {
        response.resume();
        return fail(
          new UpstreamError(
            'upstream_invalid',
            `${target.hostname} answered ${contentType || 'no content type'} where ${options.expect === 'html' ? 'a page' : 'an image'} was expected.`,
          ),
        );
      }
      const declared = Number(response.headers['content-length'] ?? '0');
      if (declared > options.maxBytes) {
        response.destroy();
        return fail(tooLarge(target, options.maxBytes));
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > options.maxBytes) {
          response.destroy();
          fail(tooLarge(target, options.maxBytes));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        if (received > options.maxBytes) return;
        resolvePromise({ status, contentType, body: Buffer.concat(chunks), url: target.toString() });
      });
    });
    request.end();
  });
}

function statusProblem(status: number, options: FetchOptions, target: URL): UpstreamError | null {
  if (status >= 200 && status < 300) return null;
  if (options.acceptStatuses?.includes(status)) return null;
  if (status === 429)
    return new UpstreamError('upstream_rate_limited', 'Instagram is rate-limiting requests; try again later.', { retryable: true });
  if (status >= 500) return new UpstreamError('upstream_failed', `${target.hostname} failed with status ${status}.`, { retryable: true });
  return new UpstreamError('upstream_failed', `${target.hostname} answered status ${status}.`);
}

function checkedLookup(resolve: (hostname: string) => Promise<readonly LookupAddress[]>): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((a) => !isPublicAddress(a.address));
        const usable = addresses.filter((a) => isPublicAddress(a.address));
        if (refused || usable.length === 0) {
          callback(new UpstreamError('upstream_blocked', `Refused to connect to ${hostname}: it resolves to a non-public address.`), '', 4);
          return;
        }
        if ((options as { all?: boolean }).all) callback(null, usable as LookupAddress[]);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
}

function defaultResolve(hostname: string): Promise<readonly LookupAddress[]> {
  return new Promise((resolvePromise, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolvePromise(addresses))),
  );
}

/** A Location that is not a URL is Instagram answering nonsense: a 502, never a 500 of ours. */
function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).toString();
  } catch (error) {
    throw new UpstreamError('upstream_invalid', `${base.hostname} redirected to something that is not a URL.`, { cause: error });
  }
}

function timeoutError(target: URL): UpstreamError {
  return new UpstreamError('upstream_timeout', `${target.hostname} did not answer in time.`);
}

function tooLarge(target: URL, maxBytes: number): UpstreamError {
  return new UpstreamError('upstream_too_large', `${target.hostname} sent more than ${Math.round(maxBytes / 1_000_000)} MB.`);
}

function describe(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}…` : url;
}
