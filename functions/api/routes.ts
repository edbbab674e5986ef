import type { Role } from '../../shared/people/person.js';

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  readonly method: ApiMethod;
  /** Below `/api`, in Hono's path syntax. */
  readonly path: string;
  /** The lowest role that may call it (admin > editor > viewer). */
  readonly role: Role;
  /** The route also lets a person act on their own keys; the service checks the ownership. */
  readonly orOwner?: true;
}

/**
 * Every API route and the lowest role that may call it (CONTRACT.md, HTTP). The API app guards
 * each route from this table alone, and a test walks it for every role; a handler without a row
 * here is caught by that test.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/posts', role: 'editor' },
  { method: 'GET', path: '/posts', role: 'viewer' },
  { method: 'GET', path: '/posts/:id', role: 'viewer' },
  { method: 'PATCH', path: '/posts/:id', role: 'editor' },
  { method: 'POST', path: '/posts/:id/refresh', role: 'editor' },
  { method: 'GET', path: '/posts/:id/versions', role: 'viewer' },
  { method: 'GET', path: '/posts/:id/snippet', role: 'viewer' },
  { method: 'GET', path: '/posts/:id/evidence', role: 'viewer' },
  { method: 'GET', path: '/posts/:id/evidence/:stamp/:file', role: 'viewer' },
  { method: 'POST', path: '/posts/:id/hide', role: 'editor' },
  { method: 'POST', path: '/posts/:id/unhide', role: 'editor' },
  { method: 'POST', path: '/posts/:id/purge', role: 'admin' },
  { method: 'POST', path: '/recheck', role: 'editor' },
  { method: 'POST', path: '/rescue', role: 'editor' },
  { method: 'GET', path: '/me', role: 'viewer' },
  { method: 'GET', path: '/people', role: 'admin' },
  { method: 'POST', path: '/people', role: 'admin' },
  { method: 'PATCH', path: '/people/:id', role: 'admin' },
  { method: 'DELETE', path: '/people/:id', role: 'admin' },
  { method: 'POST', path: '/people/:id/keys', role: 'viewer', orOwner: true },
  { method: 'DELETE', path: '/keys/:keyId', role: 'viewer', orOwner: true },
  { method: 'GET', path: '/audit', role: 'editor' },
];
