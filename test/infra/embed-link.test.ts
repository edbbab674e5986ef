import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { embedLinkPath } from '../../infra/cdn/cdn.js';
import { toEmbedUrl } from '../../shared/embed/index.js';
import { oembedLinkHeader } from '../../shared/oembed/index.js';

interface CfEvent {
  request: { uri: string; headers: Record<string, { value: string }> };
  response: { statusCode: number; headers: Record<string, { value: string }> };
}
type Handler = (event: CfEvent) => CfEvent['response'];

const handler = runInNewContext(`${readFileSync(embedLinkPath, 'utf8')}\nhandler;`, { encodeURIComponent }) as Handler;
const id = 'a2d92c19c24127881442';

function respond(uri: string, statusCode = 200, host = 'embeds.example.com') {
  return handler({ request: { uri, headers: host ? { host: { value: host } } : {} }, response: { statusCode, headers: {} } });
}

describe('embed-link CloudFront Function', () => {
  it('sends the same discovery Link header as the local server', () => {
    const base = 'https://embeds.example.com';
    for (const variant of ['index', 'dark-nocap-s3']) {
      expect(respond(`/embed/${id}/${variant}.html`).headers.link?.value).toBe(oembedLinkHeader(toEmbedUrl(base, id), base));
    }
  });

  it('adds nothing to errors, other paths or requests without a host', () => {
    expect(respond(`/embed/${id}/index.html`, 404).headers.link).toBeUndefined();
    expect(respond('/media/abc/original.jpg').headers.link).toBeUndefined();
    expect(respond(`/embed/${id}/index.html`, 200, '').headers.link).toBeUndefined();
  });
});
