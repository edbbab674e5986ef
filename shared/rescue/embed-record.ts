import { isShortcode, pickPostTime, type StatedTime } from '../instagram/shortcode.js';
import { parseInstagramUrl, toCanonicalUrl } from '../instagram/url.js';
import { linkTarget } from './archived-url.js';
import { toContentKey } from './content-key.js';
import { parseDatetimeAttribute, parseVisibleDateDetail } from './dates.js';
import type { EmbedReading, FoundEmbed, FoundForm, Review, TakenAtSource } from './types.js';

/** Turns one reading into the public record: URL facts, the time by the shared rule, the content key, the review. */
export function toFoundEmbed(found: FoundForm, start: number, end: number, reading: EmbedReading, now: Date): FoundEmbed {
  const parsed = reading.permalink ? parseInstagramUrl(linkTarget(reading.permalink)) : null;
  const post = parsed?.type === 'post' ? parsed : null;
  const bare = !post && reading.shortcode && isShortcode(reading.shortcode) ? reading.shortcode : null;
  const shortcode = post?.shortcode ?? bare;
  // amp-instagram takes only a shortcode; Instagram serves every kind under /p/ (corpus 40, 41).
  const kind = post?.kind ?? (bare ? 'p' : null);
  const canonicalUrl = post?.canonicalUrl ?? (bare ? toCanonicalUrl('p', bare) : null);

  const stated: StatedTime<TakenAtSource>[] = [];
  const fromDatetime = reading.datetime ? parseDatetimeAttribute(reading.datetime) : null;
  if (fromDatetime) stated.push({ at: fromDatetime, source: 'article-datetime', precision: 'second' });
  const fromText = reading.dateText ? parseVisibleDateDetail(reading.dateText) : null;
  if (fromText) stated.push({ at: fromText.iso, source: 'article-date-text', precision: fromText.precision });
  const time = pickPostTime(shortcode, stated, now);

  const reasons: string[] = [...(reading.notes ?? [])];
  if (!shortcode) reasons.push('no-url');
  if (!reading.handle && found !== 'amp' && found !== 'iframe' && found !== 'link') reasons.push('no-byline');
  if (time.conflict) reasons.push('time-conflict');
  if (fromDatetime && fromText && Math.abs(Date.parse(fromDatetime) - Date.parse(fromText.iso)) > 86_400_000)
    reasons.push('date-disagrees');
  return {
    found,
    start,
    end,
    permalink: reading.permalink,
    shortcode,
    kind,
    canonicalUrl,
    slide: post?.slide ?? null,
    author: { name: reading.name, handle: reading.handle },
    caption: reading.caption,
    datetime: reading.datetime,
    dateText: reading.dateText,
    takenAt: time.takenAt ? time.takenAt.replace(/\.000Z$/, 'Z') : null,
    takenAtSource: time.source,
    embedVersion: reading.embedVersion,
    contentKey: shortcode
      ? null
      : toContentKey({ handle: reading.handle, name: reading.name, caption: reading.caption, dateText: reading.dateText }),
    review: toReview(shortcode !== null, reasons),
    encodings: [],
  };
}

/** High: a post URL and nothing in doubt. Medium: a URL but something to check. Low: no URL (a name-only leftover). */
function toReview(hasUrl: boolean, reasons: readonly string[]): Review {
  const doubts = reasons.filter((r) => r !== 'no-byline' || !hasUrl);
  const confidence = !hasUrl
    ? 'low'
    : doubts.some((r) => r === 'time-conflict' || r === 'caption-only' || r === 'leftover')
      ? 'medium'
      : 'high';
  return { confidence, reasons: [...new Set(reasons)] };
}
