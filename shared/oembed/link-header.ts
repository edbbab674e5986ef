import { toOEmbedUrl } from '../embed/variant.js';

/** `Link` header value advertising both oEmbed forms of an embed URL (oEmbed §4 discovery). */
export function oembedLinkHeader(embedUrl: string, baseUrl: string): string {
  return [
    `<${toOEmbedUrl(baseUrl, embedUrl, 'json')}>; rel="alternate"; type="application/json+oembed"`,
    `<${toOEmbedUrl(baseUrl, embedUrl, 'xml')}>; rel="alternate"; type="text/xml+oembed"`,
  ].join(', ');
}
