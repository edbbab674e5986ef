import { firstValue } from '../field-rules.js';
import { isShortcode, parseShortcodeTime } from '../instagram/shortcode.js';
import { parseInstagramUrl, toCanonicalUrl } from '../instagram/url.js';
import { toContentKey } from './content-key.js';
import { parseDatetimeAttribute, parseVisibleDate, toIsoSeconds } from './dates.js';
import type { EmbedReading, FoundEmbed, FoundForm } from './types.js';

/** Turns one reading into the public record: URL facts, the time by precedence, the content key. */
export function toFoundEmbed(found: FoundForm, start: number, end: number, reading: EmbedReading, now: Date): FoundEmbed {
  const parsed = reading.permalink ? parseInstagramUrl(reading.permalink) : null;
  const post = parsed?.type === 'post' ? parsed : null;
  const bare = !post && reading.shortcode && isShortcode(reading.shortcode) ? reading.shortcode : null;
  const shortcode = post?.shortcode ?? bare;
  // amp-instagram takes only a shortcode; Instagram serves every kind under /p/ (corpus 40, 41).
  const kind = post?.kind ?? (bare ? 'p' : null);
  const canonicalUrl = post?.canonicalUrl ?? (bare ? toCanonicalUrl('p', bare) : null);

  const fromShortcode = firstValue([() => (shortcode ? parseShortcodeTime(shortcode, now) : null)]);
  const fromArticle = firstValue([
    () => (reading.datetime ? parseDatetimeAttribute(reading.datetime) : null),
    () => (reading.dateText ? parseVisibleDate(reading.dateText) : null),
  ]);
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
    takenAt: fromShortcode ? toIsoSeconds(fromShortcode) : fromArticle,
    takenAtSource: fromShortcode ? 'shortcode' : fromArticle ? 'article' : null,
    embedVersion: reading.embedVersion,
    contentKey: shortcode
      ? null
      : toContentKey({ handle: reading.handle, name: reading.name, caption: reading.caption, dateText: reading.dateText }),
  };
}
