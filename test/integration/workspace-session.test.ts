import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, BASE_URL, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
const FORM = 'application/x-www-form-urlencoded';

interface Session {
  readonly cookie: string;
  readonly csrf: string;
  readonly setCookie: string;
}

async function signIn(key: string): Promise<Session> {
  const res = await h.app.request('/app/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': FORM, Origin: BASE_URL, 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams({ key }).toString(),
  });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const page = await (await h.app.request('/app/library', { headers: { Cookie: cookie } })).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no CSRF token on the page');
  return { cookie, csrf, setCookie };
}

const withCookie = (session: Session, method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  h.app.request(path, { method, headers: { Cookie: session.cookie, ...headers }, ...(body !== undefined ? { body } : {}) });

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('signing in to the workspace', () => {
  it('shows the sign-in form to a visitor and refuses a wrong key', async () => {
    const page = await (await h.app.request('/app')).text();
    expect(page).toContain('<label for="key">API key</label>');
    expect(page).toMatch(/<button type="submit">Sign in<\/button>/);
    const wrong = await h.app.request('/app/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': FORM, Origin: BASE_URL },
      body: 'key=not-a-key',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('sets an HttpOnly, SameSite=Strict cookie holding a random token, stored only as its digest', async () => {
    const session = await signIn(API_KEY);
    expect(session.setCookie).toMatch(/^pk_session=[A-Za-z0-9_-]{43};/);
    expect(session.setCookie).toContain('HttpOnly');
    expect(session.setCookie).toContain('SameSite=Strict');
    expect(session.setCookie).not.toContain('Secure'); // http://postkeep.test; Secure over https (below)
    const token = session.cookie.split('=')[1]!;
    const { Items } = await h.clients.dynamo.send(new ScanCommand({ TableName: h.config.table }));
    const stored = JSON.stringify(Items);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(API_KEY);
    expect(Items?.some((item) => String(item.pk).startsWith('session#'))).toBe(true);
  });

  it('marks the cookie Secure when the service is on https', async () => {
    const secure = await startHarness({ PUBLIC_BASE_URL: 'https://embeds.example.org' });
    try {
      const res = await secure.app.request('https://embeds.example.org/app/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': FORM, Origin: 'https://embeds.example.org' },
        body: new URLSearchParams({ key: API_KEY }).toString(),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toContain('Secure');
    } finally {
      await secure.stop();
    }
  });

  it('lets the cookie read /api/* like a key, and shows who is signed in', async () => {
    const session = await signIn(API_KEY);
    const me = await withCookie(session, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { person: { role: string } }).person.role).toBe('admin');
  });
});

describe('CSRF: state-changing requests made with the cookie', () => {
  let session: Session;
  beforeAll(async () => {
    session = await signIn(API_KEY);
  });
  const capture = JSON.stringify({ url: 'https://www.instagram.com/p/B8kFzL2hXYZ/' });

  it('refuses an API write without the token', async () => {
    const res = await withCookie(session, 'POST', '/api/posts', { 'Content-Type': 'application/json', Origin: BASE_URL }, capture);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('refuses an API write with the token from another site', async () => {
    const res = await withCookie(
      session,
      'POST',
      '/api/people',
      { 'Content-Type': 'application/json', Origin: 'https://evil.example', 'X-CSRF-Token': session.csrf },
      JSON.stringify({ name: 'Mallory', role: 'admin' }),
    );
    expect(res.status).toBe(403);
    const crossSite = await withCookie(
      session,
      'POST',
      '/api/people',
      { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site', 'X-CSRF-Token': session.csrf },
      JSON.stringify({ name: 'Mallory', role: 'admin' }),
    );
    expect(crossSite.status).toBe(403);
    const people = (await (await h.api('GET', '/api/people')).json()) as { items: Array<{ name: string }> };
    expect(people.items.map((person) => person.name)).not.toContain('Mallory');
  });

  it('accepts an API write with the token from the service itself', async () => {
    const res = await withCookie(
      session,
      'POST',
      '/api/people',
      { 'Content-Type': 'application/json', Origin: BASE_URL, 'Sec-Fetch-Site': 'same-origin', 'X-CSRF-Token': session.csrf },
      JSON.stringify({ name: 'Dana', role: 'viewer' }),
    );
    expect(res.status).toBe(201);
  });

  it('refuses a form posted from another origin, even one that carries the token', async () => {
    for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<string, string>[]) {
      const res = await withCookie(
        session,
        'POST',
        '/app/people',
        { 'Content-Type': FORM, ...headers },
        new URLSearchParams({ csrf: session.csrf, name: 'Eve', role: 'admin' }).toString(),
      );
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('did not come from a postkeep page');
    }
    const people = (await (await h.api('GET', '/api/people')).json()) as { items: Array<{ name: string }> };
    expect(people.items.map((person) => person.name)).not.toContain('Eve');
  });

  it('refuses a same-origin form without the session token', async () => {
    const res = await withCookie(
      session,
      'POST',
      '/app/people',
      { 'Content-Type': FORM, Origin: BASE_URL },
      new URLSearchParams({ csrf: 'x'.repeat(43), name: 'Eve', role: 'admin' }).toString(),
    );
    expect(res.status).toBe(403);
  });
});

describe('the end of a session', () => {
  it('ends on "Sign out": the cookie stops working', async () => {
    const session = await signIn(API_KEY);
    const out = await withCookie(session, 'POST', '/app/sign-out', { 'Content-Type': FORM, Origin: BASE_URL }, `csrf=${session.csrf}`);
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/pk_session=;.*Max-Age=0/);
    expect((await withCookie(session, 'GET', '/api/me')).status).toBe(401);
    const page = await withCookie(session, 'GET', '/app/library');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/app');
  });

  it('ends when its key is revoked, and when its person is removed', async () => {
    const { person, key } = await h.addPerson('editor', 'Riley');
    const first = await signIn(key);
    expect((await withCookie(first, 'GET', '/api/me')).status).toBe(200);
    expect((await h.api('DELETE', `/api/keys/${person.keys[0]!.keyId}`)).status).toBe(204);
    expect((await withCookie(first, 'GET', '/api/me')).status).toBe(401);

    const issued = (await (await h.api('POST', `/api/people/${person.id}/keys`)).json()) as { key: string };
    const second = await signIn(issued.key);
    expect((await withCookie(second, 'GET', '/api/me')).status).toBe(200);
    expect((await h.api('DELETE', `/api/people/${person.id}`)).status).toBe(204);
    expect((await withCookie(second, 'GET', '/api/me')).status).toBe(401);
    expect((await withCookie(second, 'GET', '/app/library')).status).toBe(303);
  });

  it('follows a role change on the next request', async () => {
    const { person, key } = await h.addPerson('viewer', 'Sam');
    const session = await signIn(key);
    const write = () =>
      withCookie(
        session,
        'POST',
        '/api/recheck?limit=1',
        { 'Content-Type': 'application/json', Origin: BASE_URL, 'X-CSRF-Token': session.csrf },
        '{}',
      );
    expect((await write()).status).toBe(403);
    expect((await h.api('PATCH', `/api/people/${person.id}`, { role: 'editor' })).status).toBe(200);
    expect((await write()).status).toBe(200);
  });
});
