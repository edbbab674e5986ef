import * as cheerio from 'cheerio';
import { firstValue } from '../field-rules.js';
import { readShortcodeMedia } from './shortcode-media.js';
import type { PageReading, UpstreamMedia } from './upstream-post.js';

/**
 * Reads `https://www.instagram.com/p/{code}/embed/captioned/` (shape observed 2026, docs/design.md):
 * `.UsernameText`, `.Caption` (starts with `a.CaptionUsername`, ends with `.CaptionComments`,
 * `<br>` = newline), `img.EmbeddedMediaImage` with `srcset`, and for videos and carousels a
 * script holding `"contextJSON":"…"` whose `gql_data.shortcode_media` lists every item.
 * A deleted, private or missing post shows `.EmbedBrokenMedia`.
 */
export function extractEmbedPage(html: string): PageReading {
  const $ = cheerio.load(html);
  if ($('.EmbedBrokenMedia').length > 0) return { type: 'gone' };
  if (isLoginWall($)) return { type: 'login-wall' };

  const gql = firstValue([() => readShortcodeMedia(readContextJson(html))]);
  const handle = firstValue([
    () => $('.UsernameText').first().text().trim(),
    () => $('.Caption a.CaptionUsername').first().text().trim(),
    () => gql?.handle,
  ]);
  const caption = firstValue([() => readCaption($), () => gql?.caption]);
  const media = firstValue<readonly UpstreamMedia[]>([() => (gql && gql.media.length > 0 ? gql.media : null), () => readFirstImage($)]);
  if (!media || media.length === 0) {
    return { type: 'unrecognised', detail: 'the embed page carries no image' };
  }
  return {
    type: 'found',
    post: { handle, name: gql?.name ?? null, caption, takenAt: gql?.takenAt ?? null, media },
  };
}

function isLoginWall($: cheerio.CheerioAPI): boolean {
  return $('form#loginForm, input[name="password"]').length > 0 || $('link[rel="canonical"][href*="/accounts/login"]').length > 0;
}

function readCaption($: cheerio.CheerioAPI): string | null {
  const node = $('.Caption').first().clone();
  if (node.length === 0) return null;
  node.find('.CaptionUsername, .CaptionComments').remove();
  node.find('br').replaceWith('\n');
  const text = node
    .text()
    .split('\n')
    .map((line) => line.replace(/[ \t\f\r]+/g, ' ').trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
  return text.length > 0 ? text : null;
}

function readFirstImage($: cheerio.CheerioAPI): readonly UpstreamMedia[] | null {
  const img = $('img.EmbeddedMediaImage').first();
  if (img.length === 0) return null;
  const candidates = (img.attr('srcset') ?? '')
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .map(([url, size]) => ({ url: url ?? '', width: Number.parseInt(size ?? '', 10) || 0 }))
    .filter((c) => c.url.length > 0)
    .sort((a, b) => b.width - a.width);
  const imageUrl = candidates[0]?.url ?? img.attr('src');
  if (!imageUrl) return null;
  const alt = img.attr('alt')?.trim();
  return [{ type: 'image', imageUrl, width: candidates[0]?.width || null, height: null, alt: alt || null }];
}

/** `"contextJSON":"{\"gql_data\":…}"`: a JSON document inside a JSON string inside a script. */
function readContextJson(html: string): unknown {
  const match = /"contextJSON"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(html);
  if (!match?.[1]) return null;
  const context = JSON.parse(JSON.parse(match[1]) as string) as { gql_data?: { shortcode_media?: unknown } };
  return context.gql_data?.shortcode_media ?? null;
}
