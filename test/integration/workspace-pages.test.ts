import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHOTO } from '../browser/posts.js';
import { API_KEY, BASE_URL, type Harness, startHarness } from '../support/harness.js';

/** The workspace's plain forms, as a browser without script (or an outside check) posts them. */
let h: Harness;
const FORM = 'application/x-www-form-urlencoded';

async function signIn(key: string): Promise<{ cookie: string; csrf: string }> {
  const res = await h.app.request('/app/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': FORM, Origin: BASE_URL },
    body: new URLSearchParams({ key }).toString(),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const page = await (await h.app.request('/app/library', { headers: { Cookie: cookie } })).text();
  return { cookie, csrf: /<meta name="csrf-token" content="([^"]+)"/.exec(page)![1]! };
}

function post(session: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) {
  return h.app.request(path, {
    method: 'POST',
    headers: { Cookie: session.cookie, 'Content-Type': FORM, Origin: BASE_URL },
    body: new URLSearchParams({ csrf: session.csrf, ...fields }).toString(),
  });
}

beforeAll(async () => {
  h = await startHarness();
  h.fake.addPost(PHOTO);
  h.fake.setPages('CgoneGone11', { kind: 'gone' });
  h.fake.setPages('CwallWall11', { kind: 'login-wall' });
});

afterAll(async () => {
  await h?.stop();
});

describe('the archive form without script', () => {
  it('shows each line with its outcome in the words an editor uses, and the reason', async () => {
    const admin = await signIn(API_KEY);
    const urls = [
      `https://www.instagram.com/p/${PHOTO.shortcode}/`,
      `https://instagr.am/p/${PHOTO.shortcode}/`,
      'https://www.instagram.com/p/CgoneGone11/',
      'https://www.instagram.com/p/CwallWall11/',
      'https://www.instagram.com/connorwjessup/',
    ];
    const res = await post(admin, '/app/archive', { urls: urls.join('\r\n') });
    expect(res.status).toBe(200);
    const html = await res.text();
    const outcomes = [...html.matchAll(/data-outcome="([^"]+)"/g)].map((m) => m[1]);
    expect(outcomes).toEqual(['Archived', 'Already archived', 'Gone', 'Login wall', 'Not an Instagram post']);
    // The reason comes from the service's own answer (a profile is not a post).
    expect(html).toMatch(/Not an Instagram post<span class="muted">: [^<]+profile/i);
    expect(html).toContain('Copy embed code');
    expect(html).toContain(`src="/embed/`);
  });

  it('is not offered to a viewer, and the API refuses the viewer anyway', async () => {
    const { key } = await h.addPerson('viewer', 'Vic');
    const viewer = await signIn(key);
    const home = await h.app.request('/app', { headers: { Cookie: viewer.cookie } });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/app/library');
    const res = await post(viewer, '/app/archive', { urls: 'https://www.instagram.com/p/B8kFzL2hXYZ/' });
    expect(await res.text()).toContain('data-outcome="Not archived"');
    const people = await h.app.request('/app/people', { headers: { Cookie: viewer.cookie } });
    expect(people.status).toBe(403);
  });
});

describe('every workspace page', () => {
  it('sends a strict CSP without inline script, and no-store', async () => {
    const admin = await signIn(API_KEY);
    const id = (((await (await h.api('GET', '/api/posts')).json()) as { items: Array<{ id: string }> }).items[0] ?? { id: '' }).id;
    expect(id).not.toBe('');
    for (const path of ['/app', '/app/library', `/app/posts/${id}`, '/app/rescue', '/app/activity', '/app/people', '/app/nowhere']) {
      const res = await h.app.request(path, { headers: { Cookie: admin.cookie } });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toMatch(/script-src ('sha256-[A-Za-z0-9+/=]+' ?)+;/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      // Text inside the embed-code fields is markup to copy, escaped; the page's own markup is the rest.
      const html = (await res.text()).replace(/<textarea[^>]*>[\s\S]*?<\/textarea>/g, '');
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/\son[a-z]+=/);
      expect(html, path).not.toMatch(/\sstyle=/);
    }
    expect((await h.app.request('/app/nowhere', { headers: { Cookie: admin.cookie } })).status).toBe(404);
  });

  it('serves its scripts by hash, cached for a year, and nothing else from the assets path', async () => {
    const admin = await signIn(API_KEY);
    const html = await (await h.app.request('/app', { headers: { Cookie: admin.cookie } })).text();
    const paths = [...html.matchAll(/<script src="([^"]+)" integrity="([^"]+)"/g)];
    expect(paths.map((m) => m[1]!.replace(/\.[0-9a-f]{12}\.js$/, ''))).toEqual(['/app/assets/common', '/app/assets/archive']);
    for (const [, path, integrity] of paths) {
      const res = await h.app.request(path!);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect(
        `sha256-${createHash('sha256')
          .update(await res.text())
          .digest('base64')}`,
      ).toBe(integrity);
    }
    expect((await h.app.request('/app/assets/common.000000000000.js')).status).toBe(404);
  });
});

describe('the people page, for admins', () => {
  it('adds a person with a role, shows the key once, changes the role, issues and revokes keys, removes the person', async () => {
    const admin = await signIn(API_KEY);
    const added = await (await post(admin, '/app/people', { name: 'Rosa <b>Reporter</b>', role: 'editor' })).text();
    const key = /<p class="key" id="new-key">([^<]+)<\/p>/.exec(added)?.[1];
    expect(key).toMatch(/^pkp_/);
    expect(added).toContain('Rosa &lt;b&gt;Reporter&lt;/b&gt; was added.');
    const people = (await (await h.api('GET', '/api/people')).json()) as {
      items: Array<{ id: string; name: string; role: string; keys: Array<{ keyId: string }> }>;
    };
    const rosa = people.items.find((person) => person.name === 'Rosa <b>Reporter</b>')!;
    expect(rosa.role).toBe('editor');
    // The page shows the key once; reloading shows it no more.
    expect(await (await h.app.request('/app/people', { headers: { Cookie: admin.cookie } })).text()).not.toContain(key!);

    expect(await (await post(admin, `/app/people/${rosa.id}/role`, { role: 'viewer' })).text()).toContain('is now viewer.');
    const issued = await (await post(admin, `/app/people/${rosa.id}/keys`, {})).text();
    expect(issued).toContain('A new key was issued.');
    const second = /<p class="key" id="new-key">([^<]+)<\/p>/.exec(issued)?.[1];
    expect(second).toMatch(/^pkp_/);
    expect((await h.app.request('/api/me', { headers: { Authorization: `Bearer ${second}` } })).status).toBe(200);

    expect(await (await post(admin, `/app/keys/${rosa.keys[0]!.keyId}/revoke`, {})).text()).toContain('The key was revoked');
    expect((await h.app.request('/api/me', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(401);

    expect(await (await post(admin, `/app/people/${rosa.id}/remove`, {})).text()).toContain('The person was removed');
    expect((await h.app.request('/api/me', { headers: { Authorization: `Bearer ${second}` } })).status).toBe(401);
  });
});

describe('the rescue page without script', () => {
  /** Instagram's blockquote for PHOTO; `datetime` as the article has it. */
  const embed = (datetime: string) =>
    `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/${PHOTO.shortcode}/?utm_source=ig_embed" data-instgrm-version="14"><div>` +
    `<a href="https://www.instagram.com/p/${PHOTO.shortcode}/?utm_source=ig_embed">View this post on Instagram</a>` +
    `<p>A post shared by <a href="https://www.instagram.com/${PHOTO.handle}/">${PHOTO.name}</a> (@${PHOTO.handle}) on <time datetime="${datetime}">Feb 15, 2020</time></p></div></blockquote>`;

  it('flags the entries the service is unsure of, with its reasons, and only those', async () => {
    const admin = await signIn(API_KEY);
    // The first embed states a time before the short code's upload time: impossible, so the
    // service answers `review.confidence: medium` with `time-conflict`; the second is consistent.
    const article = `<p>Before.</p>${embed('2001-01-01T00:00:00+00:00')}<p>Between.</p>${embed('2020-02-16T00:21:33+00:00')}<p>After.</p>`;
    const api = (await (await h.api('POST', '/api/rescue?dryRun=1', article, { 'Content-Type': 'text/html' })).json()) as {
      posts: Array<{ review: { confidence: string; reasons: string[] } }>;
    };
    expect(api.posts.map((p) => p.review.confidence)).toEqual(['medium', 'high']);

    for (const path of ['/app/rescue/fragment?dryRun=1', '/app/rescue']) {
      const res = await post(admin, path, { article });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(
        [...html.matchAll(/data-review="([^"]+)"/g)].map((m) => m[1]),
        path,
      ).toEqual(['yes', 'no']);
      expect(html, path).toContain('1 to review');
    }
    const page = await (await post(admin, '/app/rescue', { article })).text();
    expect(page).toContain('Review (medium confidence): a date in the article is before the post was uploaded');
  });

  it('says when a dry run stopped listing before the end of the article', async () => {
    const admin = await signIn(API_KEY);
    const amp = (i: number) =>
      `<amp-instagram data-shortcode="Cx${String(i % 7).padStart(5, '0')}AAAA" width="400" height="400"></amp-instagram>`;
    const long = Array.from({ length: 1200 }, (_, i) => amp(i)).join('\n');
    const html = await (await post(admin, '/app/rescue/fragment?dryRun=1', { article: long })).text();
    expect(html).toMatch(/1000 posts found, listing stopped at the first 1000/);
    const short = await (await post(admin, '/app/rescue/fragment?dryRun=1', { article: amp(1) })).text();
    expect(short).not.toContain('listing stopped');
  });
});

describe('the post page notice', () => {
  it('shows the notice a write names, and none for a key that is not one', async () => {
    const admin = await signIn(API_KEY);
    const archived = await h.api('POST', '/api/posts', { url: `https://www.instagram.com/p/${PHOTO.shortcode}/` });
    const { id } = (await archived.json()) as { id: string };
    const notice = async (done: string) => {
      const html = await (await h.app.request(`/app/posts/${id}?done=${done}`, { headers: { Cookie: admin.cookie } })).text();
      return /<div class="notice ok" role="status">([^<]*)<\/div>/.exec(html)?.[1] ?? null;
    };
    expect(await notice('hidden')).toMatch(/^Hidden: /);
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'nope']) expect(await notice(key), key).toBeNull();
  });
});
