import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../../functions/api/app.js';
import { API_ROUTES, type ApiRoute } from '../../functions/api/routes.js';
import { hasRole, type PersonJson, type Role } from '../../shared/people/person.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { API_KEY, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
const keys: Record<Role, string> = { viewer: '', editor: '', admin: API_KEY };
const people: Partial<Record<Role, PersonJson>> = {};
let postId = '';

beforeAll(async () => {
  h = await startHarness();
  for (const role of ['viewer', 'editor'] as const) {
    const added = await h.addPerson(role);
    keys[role] = added.key;
    people[role] = added.person;
  }
  h.fake.addPost({
    shortcode: 'CRoLeSaAaA1',
    handle: 'roles.test',
    name: 'Roles Test',
    caption: 'a post to walk the routes with',
    items: [{ type: 'image', width: 640, height: 640, path: '/v/roles.jpg' }],
  });
  const res = await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/CRoLeSaAaA1/' });
  postId = ((await res.json()) as PostJson).id;
});
afterAll(async () => h?.stop());

/** A request each route can take: real ids where the route needs one, bodies that pass validation. */
function requestFor(route: ApiRoute, who: Role): { path: string; body?: unknown; type?: string } {
  // Routes open to a key's owner are called on the caller's own person; the rest on made-up people.
  const personId = route.orOwner && who !== 'admin' ? people[who]!.id : 'pe_0000000000000000';
  const path = `/api${route.path.replace(':id', route.path.startsWith('/people') ? personId : postId).replace(':keyId', '0000000000000000')}`;
  const bodies: Record<string, unknown> = {
    'POST /posts': { url: 'https://www.instagram.com/p/CRoLeSaAaA1/' },
    'PATCH /posts/:id': { media: [{ index: 0, alt: 'a walked route' }] },
    'POST /posts/:id/hide': { reason: 'walking the route table' },
    'POST /posts/:id/purge': { reason: 'walking the route table' },
    'POST /people': { name: 'Walked Person', role: 'viewer' },
    'PATCH /people/:id': { role: 'viewer' },
  };
  const key = `${route.method} ${route.path}`;
  if (key === 'POST /rescue') return { path: `${path}?dryRun=1`, body: 'nothing to rescue here', type: 'text/plain' };
  if (key === 'POST /recheck') return { path: `${path}?maxAgeHours=1000&limit=1` };
  return { path, ...(key in bodies ? { body: bodies[key] } : {}) };
}

async function call(route: ApiRoute, who: Role | 'none'): Promise<Response> {
  const key = who === 'none' ? null : keys[who];
  const { path, body, type } = requestFor(route, who === 'none' ? 'viewer' : who);
  return h.app.request(path, {
    method: route.method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'Content-Type': type ?? 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

describe('every route of the table, for every role', () => {
  it('has a row for every API route the app serves, and a handler for every row', () => {
    const served = createApiApp(h.deps)
      .routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.slice('/api'.length)}`);
    const table = API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect([...new Set(served)].sort()).toEqual([...table].sort());
    // Each row appears at least twice: its guard, then its handler (and any body limit).
    for (const row of table) expect(served.filter((s) => s === row).length, row).toBeGreaterThanOrEqual(2);
  });

  const cases = API_ROUTES.flatMap((route) => (['none', 'viewer', 'editor', 'admin'] as const).map((who) => [route, who] as const));
  it.each(cases)('%o as %s', async (route, who) => {
    const res = await call(route, who);
    const body = res.status === 204 ? null : ((await res.json()) as { error?: { code: string } });
    if (who === 'none') {
      expect(res.status).toBe(401);
      expect(body?.error?.code).toBe('unauthorized');
    } else if (!hasRole(who, route.role)) {
      expect(res.status).toBe(403);
      expect(body?.error?.code).toBe('forbidden');
    } else {
      // Allowed: whatever the route answers (404 for the made-up ids, 409 for a purge of a live post), never 401 or 403.
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('people and keys', () => {
  it('tells each caller who they are', async () => {
    const me = (await (await h.app.request('/api/me', { headers: { Authorization: `Bearer ${keys.editor}` } })).json()) as {
      person: PersonJson;
    };
    expect(me.person).toMatchObject({ id: people.editor?.id, name: 'A editor', role: 'editor' });
    expect(me.person.keys.length).toBeGreaterThanOrEqual(1);
    const admin = (await (await h.api('GET', '/api/me')).json()) as { person: PersonJson };
    expect(admin.person).toMatchObject({ id: 'admin', role: 'admin' });
  });

  it('never answers a key or its hash after the one time it is shown', async () => {
    const listing = await (await h.api('GET', '/api/people')).text();
    for (const key of [keys.viewer, keys.editor]) {
      expect(listing).not.toContain(key);
      expect(listing).not.toContain(key.split('.')[1]);
    }
    expect(listing).not.toMatch(/[0-9a-f]{64}/);
    expect(listing).not.toContain('"hash"');
  });

  it('a person may add and revoke their own keys, not anyone else’s', async () => {
    const viewer = people.viewer!;
    const asViewer = { Authorization: `Bearer ${keys.viewer}` };
    const own = await h.app.request(`/api/people/${viewer.id}/keys`, { method: 'POST', headers: asViewer });
    expect(own.status).toBe(201);
    const added = (await own.json()) as { keyId: string; key: string };
    expect((await h.app.request('/api/me', { headers: { Authorization: `Bearer ${added.key}` } })).status).toBe(200);
    // What a sign-in session made with this key would check on each request.
    expect(await h.deps.access.principalForKeyId(added.keyId)).toMatchObject({ id: viewer.id, role: 'viewer' });
    const other = await h.app.request(`/api/people/${people.editor!.id}/keys`, { method: 'POST', headers: asViewer });
    expect(other.status).toBe(403);
    const editorKeyId = people.editor!.keys[0]!.keyId;
    expect((await h.app.request(`/api/keys/${editorKeyId}`, { method: 'DELETE', headers: asViewer })).status).toBe(403);
    expect((await h.app.request(`/api/keys/${added.keyId}`, { method: 'DELETE', headers: asViewer })).status).toBe(204);
    // Revoked: the very next request with it fails.
    expect((await h.app.request('/api/me', { headers: { Authorization: `Bearer ${added.key}` } })).status).toBe(401);
    expect((await h.app.request('/api/me', { headers: asViewer })).status).toBe(200);
    expect(await h.deps.access.principalForKeyId(added.keyId)).toBeNull();
  });

  it('a role change and a removal take effect on the next request', async () => {
    const { person, key } = await h.addPerson('editor', 'Soon Gone');
    const auth = { Authorization: `Bearer ${key}` };
    expect((await h.app.request('/api/audit', { headers: auth })).status).toBe(200);
    expect((await h.api('PATCH', `/api/people/${person.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await h.app.request('/api/audit', { headers: auth })).status).toBe(403);
    expect((await h.api('DELETE', `/api/people/${person.id}`)).status).toBe(204);
    expect((await h.app.request('/api/me', { headers: auth })).status).toBe(401);
    const listed = (await (await h.api('GET', '/api/people')).json()) as { items: PersonJson[] };
    expect(listed.items.map((p) => p.id)).not.toContain(person.id);
  });

  it('adding people and keys is in the audit log, newest first, under the admin who did it', async () => {
    const { person } = await h.addPerson('viewer', 'Audited Person');
    const log = (await (await h.api('GET', '/api/audit?personId=admin&limit=2')).json()) as {
      items: Array<{ action: string; summary: string; actor: { id: string } }>;
    };
    expect(log.items.map((e) => e.action)).toEqual(['key.add', 'person.add']);
    expect(log.items.every((e) => e.summary.includes(person.id) && e.actor.id === 'admin')).toBe(true);
  });

  it('refuses a role that does not exist and a key that is almost right', async () => {
    expect((await h.api('POST', '/api/people', { name: 'X', role: 'owner' })).status).toBe(400);
    const almost = `${keys.viewer.slice(0, -1)}${keys.viewer.endsWith('A') ? 'B' : 'A'}`;
    expect((await h.app.request('/api/me', { headers: { Authorization: `Bearer ${almost}` } })).status).toBe(401);
  });
});
