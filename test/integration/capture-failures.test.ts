import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import type { FakePost } from '../support/instagram-pages.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const post = (shortcode: string, path: string): FakePost => ({
  shortcode,
  handle: 'someone',
  name: 'Some One',
  caption: 'caption',
  items: [{ type: 'image', width: 800, height: 800, path }],
});

async function expectError(body: unknown, status: number, code: string, headers?: Record<string, string>) {
  const res = await h.api('POST', '/api/posts', body, headers);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const json = (await res.json()) as { error: { code: string; message: string } };
  expect(json.error.code).toBe(code);
  expect(json.error.message.length).toBeGreaterThan(5);
  expect(JSON.stringify(json)).not.toMatch(/at .+\.(ts|js):\d+/);
}

describe('bad input gets a clear answer and stores nothing', () => {
  it.each([
    [{ url: 'not a url' }, 'not_a_post_url'],
    [{ url: 'https://www.instagram.com/instagram/' }, 'not_a_post_url'],
    [{ url: 'https://instagram.com.evil.example/p/B8kFzL2hXYZ/' }, 'not_a_post_url'],
    [{ url: 'https://instagram.com@127.0.0.1/p/B8kFzL2hXYZ/' }, 'not_a_post_url'],
    [{ url: 42 }, 'invalid_input'],
    [{}, 'invalid_input'],
    [{ url: 'https://www.instagram.com/p/B8kFzL2hXYZ/', extra: true }, 'invalid_input'],
    ['{"url": ', 'invalid_json'],
  ])('%j → 400 %s', async (body, code) => {
    await expectError(body, 400, code);
  });

  it('refuses a body that is not JSON with 415', async () => {
    await expectError('url=x', 415, 'unsupported_media_type', { 'Content-Type': 'text/plain' });
  });

  it('refuses an oversized body with 413', async () => {
    await expectError({ url: 'x'.repeat(40_000) }, 413, 'payload_too_large');
  });

  it('answers 401 without a valid key, on every API route', async () => {
    for (const [method, path] of [
      ['GET', '/api/posts'],
      ['POST', '/api/posts'],
      ['GET', '/api/posts/0123456789abcdef0123'],
      ['PATCH', '/api/posts/0123456789abcdef0123'],
    ] as const) {
      const none = await h.app.request(path, { method });
      expect(none.status).toBe(401);
      const wrong = await h.app.request(path, { method, headers: { Authorization: 'Bearer wrong-key' } });
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    expect((await h.api('GET', '/api/posts/..%2F..%2Fetc')).status).toBe(400);
    expect((await h.api('GET', '/api/posts/0123456789abcdef0123')).status).toBe(404);
    expect((await h.api('GET', '/api/posts?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });
});

describe('upstream failures answer 4xx or 502 and leave storage empty', () => {
  const cases: Array<[string, string, (code: string) => void, number, string]> = [
    ['a deleted post', 'Gone000000A', (code) => h.fake.setPages(code, { kind: 'gone' }), 422, 'post_gone'],
    ['a login wall', 'Login00000A', (code) => h.fake.setPages(code, { kind: 'login-wall' }), 422, 'login_wall'],
    ['a rate limit', 'Limit00000A', (code) => h.fake.setPages(code, { kind: 'status', status: 429 }), 502, 'upstream_rate_limited'],
    ['a server error', 'Fail000000A', (code) => h.fake.setPages(code, { kind: 'status', status: 500 }), 502, 'upstream_failed'],
    ['a hang', 'Hang000000A', (code) => h.fake.setPages(code, { kind: 'hang' }), 502, 'upstream_timeout'],
    ['garbage', 'Junk000000A', (code) => h.fake.setPages(code, { kind: 'garbage' }), 502, 'upstream_invalid'],
    [
      'a redirect to loopback',
      'Loop000000A',
      (code) => h.fake.setPages(code, { kind: 'redirect', location: 'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next' }),
      502,
      'upstream_blocked',
    ],
    [
      'a redirect to the metadata service',
      'Meta000000A',
      (code) => h.fake.setPages(code, { kind: 'redirect', location: 'https://169.254.169.254/latest/meta-data/' }),
      502,
      'upstream_blocked',
    ],
    [
      'a redirect to something that is not a URL',
      'Bent000000A',
      (code) => h.fake.setPages(code, { kind: 'redirect', location: 'https://[::1/p/x/' }),
      502,
      'upstream_invalid',
    ],
    ['a 20 MB image', 'Big0000000A', (code) => h.fake.addPost(post(code, '/v/big.jpg'), 'oversized'), 502, 'upstream_too_large'],
    ['a non-image', 'Html000000A', (code) => h.fake.addPost(post(code, '/v/html.jpg'), 'not-image'), 502, 'upstream_invalid'],
    ['HTML labelled as JPEG', 'Fake000000A', (code) => h.fake.addPost(post(code, '/v/fake.jpg'), 'html-as-jpeg'), 502, 'upstream_invalid'],
    ['a 25000×25000 PNG', 'Bomb000000A', (code) => h.fake.addPost(post(code, '/v/bomb.png'), 'huge-png'), 502, 'upstream_too_large'],
  ];

  const seen: Array<{ shortcode: string; requests: Array<{ host: string; path: string }> }> = [];

  it.each(cases)('%s', async (_name, shortcode, arrange, status, code) => {
    arrange(shortcode);
    const before = h.fake.requests.length;
    await expectError({ url: `https://www.instagram.com/p/${shortcode}/` }, status, code);
    seen.push({ shortcode, requests: h.fake.requests.slice(before) });
    expect(await h.storedCounts()).toEqual({ objects: 0, items: 0 });
  });

  it('sent no request off the allowlist: a refused redirect is never followed', () => {
    // Under INSTAGRAM_ORIGIN every request the fetcher sends reaches the fake, whatever host it
    // meant (named in X-Upstream-Host), so a followed redirect to loopback or the metadata
    // service would be in this log. Each redirect case shows exactly the two page requests.
    for (const shortcode of ['Loop000000A', 'Meta000000A', 'Bent000000A']) {
      const requests = seen.find((s) => s.shortcode === shortcode)?.requests ?? [];
      expect(requests.map((r) => `${r.host}${r.path}`).sort()).toEqual(
        [`www.instagram.com/p/${shortcode}/`, `www.instagram.com/p/${shortcode}/embed/captioned/`].sort(),
      );
    }
    expect(seen).toHaveLength(cases.length);
    const hosts = new Set(h.fake.requests.map((r) => r.host));
    expect([...hosts].sort()).toEqual(['scontent-fra5-1.cdninstagram.com', 'www.instagram.com']);
  });

  it('keeps serving afterwards', async () => {
    expect((await h.app.request('/healthz')).status).toBe(200);
  });
});

describe('every /api answer is JSON, uncached, unsniffed and names its request', () => {
  it('answers an unknown /api route with JSON 404 under the local server', async () => {
    const res = await h.api('GET', '/api/no-such-route');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('sends no-store, nosniff and a fresh X-Request-Id on success and on error, ignoring one the caller sent', async () => {
    const ok = await h.api('GET', '/api/posts', undefined, { 'X-Request-Id': 'caller-chosen-id' });
    expect(ok.status).toBe(200);
    const unauthorised = await h.app.request('/api/posts');
    expect(unauthorised.status).toBe(401);
    const ids = new Set<string>();
    for (const res of [ok, unauthorised]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(2);
  });
});
