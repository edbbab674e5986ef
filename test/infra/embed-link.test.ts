import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { embedLinkCode } from '../../infra/cdn/cdn.js';
import { NO_OEMBED_METADATA, parseEmbedVariant, toEmbedUrl } from '../../shared/embed/index.js';
import { oembedLinkHeader } from '../../shared/oembed/index.js';

interface CfEvent {
  request: { uri: string; headers: Record<string, { value: string }> };
  response: { statusCode: number; headers: Record<string, { value: string }> };
}
type Handler = (event: CfEvent) => CfEvent['response'];

const base = 'https://embeds.example.com';
const handler = runInNewContext(`${embedLinkCode(base)}\nhandler;`, { encodeURIComponent }) as Handler;
const id = 'a2d92c19c24127881442';

function respond(uri: string, statusCode = 200, host = 'embeds.example.com', headers: Record<string, { value: string }> = {}) {
  return handler({ request: { uri, headers: host ? { host: { value: host } } : {} }, response: { statusCode, headers } });
}

describe('embed-link CloudFront Function', () => {
  it('sends the same discovery Link header as the local server, naming the variant served as the <link> tags do', () => {
    for (const [variant, query] of [
      ['index', {}],
      ['dark', { theme: 'dark' }],
      ['light-nocap', { theme: 'light', hidecaption: '1' }],
      ['dark-nocap-s3', { theme: 'dark', hidecaption: '1', slide: '3' }],
      ['s12', { slide: '12' }],
    ] as const) {
      expect(respond(`/embed/${id}/${variant}.html`).headers.link?.value).toBe(
        oembedLinkHeader(toEmbedUrl(base, id, parseEmbedVariant(query)), base),
      );
    }
  });

  it("sends none for a tombstone's page, and never passes the metadata on", () => {
    const meta = { [`x-amz-meta-${NO_OEMBED_METADATA.key}`]: { value: NO_OEMBED_METADATA.value } };
    const response = respond(`/embed/${id}/index.html`, 200, 'embeds.example.com', meta);
    expect(response.headers.link).toBeUndefined();
    expect(Object.keys(response.headers)).toEqual([]);
  });

  it('names PUBLIC_BASE_URL whatever host was asked: an alias, another letter case, none', () => {
    const expected = oembedLinkHeader(toEmbedUrl(base, id), base);
    for (const host of ['EMBEDS.EXAMPLE.COM', 'd111111abcdef8.cloudfront.net', '']) {
      expect(respond(`/embed/${id}/index.html`, 200, host).headers.link?.value, host).toBe(expected);
    }
  });

  it('keeps a base with a path', () => {
    const deep = 'https://example.org/embeds';
    const fn = runInNewContext(`${embedLinkCode(deep)}\nhandler;`, { encodeURIComponent }) as Handler;
    const response = fn({ request: { uri: `/embed/${id}/dark.html`, headers: {} }, response: { statusCode: 200, headers: {} } });
    expect(response.headers.link?.value).toBe(oembedLinkHeader(toEmbedUrl(deep, id, parseEmbedVariant({ theme: 'dark' })), deep));
  });

  it('adds nothing to errors or other paths', () => {
    expect(respond(`/embed/${id}/index.html`, 404).headers.link).toBeUndefined();
    expect(respond('/media/abc/original.jpg').headers.link).toBeUndefined();
  });
});
