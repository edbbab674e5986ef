import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { embedRewritePath } from '../../infra/cdn/cdn.js';
import { embedObjectKey, OUTBOUND_PATH, parseEmbedVariant, toOutboundTarget } from '../../shared/embed/index.js';

interface CfRequest {
  uri: string;
  querystring: Record<string, { value: string }>;
}
interface CfResponse {
  statusCode: number;
  headers?: Record<string, { value: string }>;
}
type Handler = (event: { request: CfRequest }) => CfRequest & CfResponse;

const source = readFileSync(embedRewritePath, 'utf8');
// A bare context has the language built-ins only (no URLSearchParams, no require), which is
// closer to the CloudFront Functions runtime than Node's globals.
const handler = runInNewContext(`${source}\nhandler;`, {}) as Handler;

function rewrite(uri: string, query: Record<string, string> = {}): string {
  const querystring = Object.fromEntries(Object.entries(query).map(([k, value]) => [k, { value }]));
  return handler({ request: { uri, querystring } }).uri;
}

const id = 'b8kfzl2hxyz0';

describe('embed-rewrite CloudFront Function', () => {
  it.each([
    'https://www.instagram.com/p/B8kFzL2hXYZ/',
    'https://www.instagram.com/connorwjessup/',
    'https://www.instagram.com/explore/tags/%E6%9D%B1%E4%BA%AC/',
    'https://www.instagram.com/reel/CqFyVvGIH-3/?img_index=2',
    'https://evil.example/https://www.instagram.com/',
    'https://www.instagram.com.evil.example/p/x/',
    'http://www.instagram.com/p/x/',
    'javascript:alert(1)//https://www.instagram.com/',
    'https://www.instagram.com/p/x/"><script>',
    '',
  ])('answers %s on the outbound path as the local reader does', (to) => {
    const expected = toOutboundTarget(to);
    // CloudFront may hand the value over still percent-encoded or already decoded.
    for (const value of [to, encodeURIComponent(to)]) {
      const out = handler({ request: { uri: OUTBOUND_PATH, querystring: { to: { value } } } });
      if (expected) {
        expect(out.statusCode).toBe(302);
        expect(out.headers?.location?.value).toBe(expected);
      } else {
        expect(out.statusCode).toBe(404);
        expect(out.headers?.location).toBeUndefined();
      }
    }
  });

  it.each([
    [{}, 'index'],
    [{ theme: 'dark' }, 'dark'],
    [{ theme: 'light' }, 'light'],
    [{ theme: 'blue' }, 'index'],
    [{ theme: 'DARK' }, 'dark'],
    [{ img_index: '3' }, 's3'],
    [{ img_index: '3', slide: '2' }, 's2'],
    [{ hidecaption: '1' }, 'nocap'],
    [{ hidecaption: 'true' }, 'nocap'],
    [{ hidecaption: '0' }, 'index'],
    [{ hidecaption: 'yes' }, 'index'],
    [{ slide: '1' }, 'index'],
    [{ slide: '2' }, 's2'],
    [{ slide: '20' }, 's20'],
    [{ slide: '21' }, 'index'],
    [{ slide: '0' }, 'index'],
    [{ slide: '-3' }, 'index'],
    [{ slide: '2.5' }, 'index'],
    [{ slide: 'abc' }, 'index'],
    [{ slide: '3', theme: 'dark' }, 'dark-s3'],
    [{ hidecaption: '1', theme: 'light', slide: '5' }, 'light-nocap-s5'],
    [{ hidecaption: 'true', slide: '2' }, 'nocap-s2'],
    [{ theme: 'dark', hidecaption: '1' }, 'dark-nocap'],
    [{ utm_source: 'x', theme: 'dark' }, 'dark'],
  ])('%j selects the %s variant', (query, variant) => {
    expect(rewrite(`/embed/${id}`, query)).toBe(`/embed/${id}/${variant}.html`);
  });

  it('accepts a trailing slash and ids of 8 and 40 characters', () => {
    expect(rewrite(`/embed/${id}/`)).toBe(`/embed/${id}/index.html`);
    expect(rewrite('/embed/abcd1234')).toBe('/embed/abcd1234/index.html');
    const forty = 'a'.repeat(40);
    expect(rewrite(`/embed/${forty}`, { theme: 'dark' })).toBe(`/embed/${forty}/dark.html`);
  });

  it.each([
    '/embed/abc1234',
    `/embed/${'a'.repeat(41)}`,
    '/embed/ABCD12345',
    '/embed/abcd-1234',
    `/embed/${id}/index.html`,
    `/embed/${id}/../secret`,
    '/embed/',
    '/media/abcd1234',
  ])('leaves %s unchanged', (uri) => {
    expect(rewrite(uri, { theme: 'dark' })).toBe(uri);
  });

  it('picks the same object the local server serves for the same query', () => {
    const queries: Array<Record<string, string>> = [
      {},
      { theme: 'Dark' },
      { theme: 'light', hidecaption: 'true', slide: '7' },
      { img_index: '4' },
      { slide: '2', img_index: '9' },
      { hidecaption: '1', slide: '20' },
      { slide: '0', theme: 'none' },
    ];
    for (const query of queries) {
      expect(rewrite(`/embed/${id}`, query).slice(1)).toBe(embedObjectKey(id, parseEmbedVariant(query)));
    }
  });

  it('drops the query string once it is encoded in the path', () => {
    const request = handler({ request: { uri: `/embed/${id}`, querystring: { theme: { value: 'dark' } } } });
    expect(request.querystring).toEqual({});
  });

  it('is a plain script the cloudfront-js-2.0 runtime accepts (no modules)', () => {
    const code = source.replace(/^\s*\/\/.*$/gm, '');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toContain('URLSearchParams');
    expect(code).toMatch(/^function handler\(event\)/m);
  });
});
