import * as cheerio from 'cheerio';
import { firstValue } from '../field-rules.js';
import { readShortcodeMedia } from './shortcode-media.js';
import type { PageReading } from './upstream-post.js';

/**
 * Reads the post page `https://www.instagram.com/p/{code}/` for what the embed page lacks: the
 * display name (and, on old snapshots, the time). Observed 2026 (docs/design.md, where the data comes from): `og:title` =
 * `{name} on Instagram: "{caption}"`, `twitter:title` = `{name} (@{handle}) • Instagram photo`;
 * 2020 snapshots (test/fixtures/instagram/pages) carry `window._sharedData` too.
 * A missing or deleted post answers 200 with no `og:` tags.
 */
export function extractPostPage(html: string): PageReading {
  const $ = cheerio.load(html);
  const meta = (key: string): string | null => $(`meta[property="${key}"], meta[name="${key}"]`).first().attr('content')?.trim() || null;

  const shared = firstValue([() => readShortcodeMedia(readSharedData(html))]);
  const ogTitle = meta('og:title');
  const twitterTitle = meta('twitter:title');
  if (!ogTitle && !twitterTitle && !shared) {
    if ($('input[name="password"]').length > 0 || /\/accounts\/login/.test($('link[rel="canonical"]').attr('href') ?? '')) {
      return { type: 'login-wall' };
    }
    return { type: 'gone' };
  }

  // `s` on every name pattern: without it `.` stops at U+2028/U+2029, which display names may hold.
  const fromTwitter = twitterTitle ? /^(.*) \(@([A-Za-z0-9._]+)\) • Instagram/s.exec(twitterTitle) : null;
  const fromDescription = /- (.*?) \(@([A-Za-z0-9._]+)\) on Instagram/s.exec(meta('og:description') ?? '');
  const name = firstValue([
    () => shared?.name,
    () => fromTwitter?.[1],
    () => (ogTitle ? /^(.*?) on Instagram: /s.exec(ogTitle)?.[1] : null),
    () => fromDescription?.[1],
  ]);
  const handle = firstValue([
    () => shared?.handle,
    () => fromTwitter?.[2],
    () => fromDescription?.[2],
    () => /^[\d.,KMkm]+ likes?, [\d.,KMkm]+ comments? - ([A-Za-z0-9._]+) on /.exec(meta('og:description') ?? '')?.[1],
  ]);
  return {
    type: 'found',
    post: {
      handle,
      name,
      // og: captions are truncated with "…"; only the structured data carries the whole text.
      caption: shared?.caption ?? null,
      takenAt: shared?.takenAt ?? null,
      media: shared?.media ?? [],
    },
  };
}

function readSharedData(html: string): unknown {
  const match = /window\._sharedData\s*=\s*(\{.*?\});\s*<\/script>/s.exec(html);
  if (!match?.[1]) return null;
  const data = JSON.parse(match[1]) as {
    entry_data?: { PostPage?: Array<{ graphql?: { shortcode_media?: unknown } }> };
  };
  return data.entry_data?.PostPage?.[0]?.graphql?.shortcode_media ?? null;
}
