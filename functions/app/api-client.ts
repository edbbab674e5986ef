import type { Role } from '../../shared/people/person.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { CSRF_HEADER, type SignedIn, vouchFor } from './session.js';

/** The JSON of CONTRACT.md the workspace reads; it knows the service only through these. */
export type Post = PostJson & { readonly version?: number; readonly purged?: boolean; readonly thumbnailUrl?: string | null };
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor: string | null;
}
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly keys: ReadonlyArray<{ readonly keyId: string; readonly createdAt: string; readonly lastUsedAt: string | null }>;
}
export interface Version {
  readonly version: number;
  readonly at: string;
  readonly by: { readonly id: string; readonly name: string };
  readonly source: string;
  readonly changes: ReadonlyArray<{ readonly field: string; readonly before: unknown; readonly after: unknown }>;
}
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string };
  readonly action: string;
  readonly postId: string | null;
  readonly summary: string;
}
export interface Rescued extends Post {
  readonly found: 'blockquote' | 'amp' | 'iframe' | 'link' | 'text';
  readonly outcome?: string;
  /** How sure the rescue is (docs/contract.md, "Rescued"). */
  readonly review?: { readonly confidence: 'high' | 'medium' | 'low'; readonly reasons: readonly string[] };
}
export interface Snippet {
  readonly iframe: string;
  readonly inline: string;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

export type ApiFetch = (request: Request) => Response | Promise<Response>;

/**
 * Calls `/api/*` in-process with the browser's own cookie, exactly as the page's scripts do over
 * the network: same session, same CSRF token, same role checks. A route the service does not
 * have (yet) is an answer like any other, shown as such.
 */
export function createApiClient(
  fetchApi: ApiFetch,
  options: { origin: string; cookie: string | undefined; csrf: string | null; signedIn: SignedIn | null },
) {
  async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<ApiResult<T>> {
    const headers = new Headers({ Accept: 'application/json', Origin: options.origin });
    if (options.cookie) headers.set('Cookie', options.cookie);
    if (options.csrf) headers.set(CSRF_HEADER, options.csrf);
    let payload: string | undefined;
    if (body !== undefined) {
      headers.set('Content-Type', contentType);
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const request = new Request(`${options.origin}/api${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const response = await fetchApi(vouchFor(request, options.signedIn));
    if (response.status === 204) return { ok: true, status: 204, data: undefined as T };
    const json = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (response.ok) return { ok: true, status: response.status, data: json as T };
    return {
      ok: false,
      status: response.status,
      code: json?.error?.code ?? 'error',
      message: json?.error?.message ?? `The service answered ${response.status}.`,
    };
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown, contentType?: string) => call<T>('POST', path, body ?? {}, contentType),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
    delete: <T>(path: string) => call<T>('DELETE', path),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
