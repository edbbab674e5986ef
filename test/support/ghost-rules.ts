import { load } from 'cheerio';

/**
 * How Ghost turns a pasted URL that no oEmbed provider list knows into an embed card, from its
 * oEmbed service (ghost/oembed-service in Ghost's repository, not published on npm; read
 * 2026-12): it fetches the page, follows the first `<link type="application/json+oembed">`,
 * keeps the answer only with `type` and `version` and a type of photo, video, link or rich,
 * passes on a fixed set of fields, and for video and rich requires `html`, `width` and `height`.
 * Anything else falls back to a bookmark card. Ghost itself refuses IP and localhost hosts; the
 * test's service lives on 127.0.0.1, so that one check is left out here.
 */
const KNOWN_FIELDS = [
  'type',
  'version',
  'html',
  'url',
  'title',
  'width',
  'height',
  'author_name',
  'author_url',
  'provider_name',
  'provider_url',
  'thumbnail_url',
  'thumbnail_width',
  'thumbnail_height',
] as const;

export type GhostEmbed = Partial<Record<(typeof KNOWN_FIELDS)[number], unknown>>;

export async function ghostEmbedFor(url: string): Promise<GhostEmbed | null> {
  const page = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(2000) });
  const href = load(await page.text())('link[type="application/json+oembed"]').attr('href');
  if (!href) return null;
  const body = (await (await fetch(href, { signal: AbortSignal.timeout(2000) })).json()) as Record<string, unknown>;
  if (!body.type || !body.version || !['photo', 'video', 'link', 'rich'].includes(String(body.type))) return null;
  const embed: GhostEmbed = Object.fromEntries(KNOWN_FIELDS.filter((k) => k in body).map((k) => [k, body[k]]));
  if (embed.type === 'photo' && !embed.url) return null;
  if ((embed.type === 'video' || embed.type === 'rich') && (!embed.html || !embed.width || !embed.height)) return null;
  return embed;
}

/** Ghost's embed card as its editor renders it into a post: the `html` inserted as is. */
export function ghostEmbedCard(html: string): string {
  return `<figure class="kg-card kg-embed-card">${html}</figure>`;
}
