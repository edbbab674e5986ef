import { firstValue } from '../field-rules.js';
import { findBylines } from './byline.js';
import { findElementEnd, type StartTag } from './html-tags.js';
import { lastHeaderBefore, postLinkIn } from './leftover-text.js';
import { CHROME_LINES } from './locales.js';
import { projectSlice } from './projection.js';
import { normaliseCaption } from './text.js';
import type { EmbedReading } from './types.js';

const CHROME = new Set(CHROME_LINES.map((line) => line.toLowerCase()));

/**
 * Reads `<blockquote class="instagram-media">` of any template version (2–14). The text inside is
 * the same text a leftover keeps, so the byline and header rules are shared; what the markup adds
 * is the permalink attribute, the version, and the caption paragraph. v13/v14 markup carries no
 * caption and no date (corpus 29–35, 44, 45), v2 no byline (corpus 13).
 */
export function readBlockquote(source: string, tag: StartTag, limit: number): { end: number; reading: EmbedReading } {
  const end = findElementEnd(source, tag, limit);
  const closed = /<\/blockquote\s*>$/i.test(source.slice(Math.max(tag.end, end - 24), end));
  const innerEnd = closed ? source.lastIndexOf('<', end - 1) : end;
  const projection = projectSlice(source, tag.end, innerEnd, { markdown: false, lineBreaks: false });
  const bylines = findBylines(projection);
  const byline = bylines.at(-1) ?? null;
  const bylineStart = byline?.start ?? projection.text.length;
  const header = lastHeaderBefore(projection.text, 0, bylineStart);
  const version = Number.parseInt(tag.attrs.get('data-instgrm-version') ?? '', 10);
  const caption = normaliseCaption(projection.text.slice(header?.end ?? 0, bylineStart), (line) =>
    CHROME.has(line.replace(/\.$/, '').toLowerCase()),
  );
  return {
    end,
    reading: {
      permalink: firstValue([() => tag.attrs.get('data-instgrm-permalink'), () => postLinkIn(projection, 0, projection.text.length)]),
      name: byline?.name ?? null,
      handle: byline?.handle ?? null,
      caption,
      datetime: byline?.datetime ?? null,
      dateText: byline?.dateText ?? null,
      embedVersion: Number.isInteger(version) ? version : null,
    },
  };
}
