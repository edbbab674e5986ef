import { toFoundEmbed } from '../embed-record.js';
import type { FoundEmbed } from '../types.js';

/** Newsletter and HTML-to-Markdown exports, which split one embed into an image link and a byline. */

/**
 * An export's image link to the post right before a byline that lost its own link is one embed:
 * "[![](…)](post URL)" then "A post shared by [@handle](…)" (newsletter tools, 2026-12).
 */
export function mergeExports(source: string, embeds: FoundEmbed[], now: Date): FoundEmbed[] {
  const out: FoundEmbed[] = [];
  for (const embed of embeds) {
    const previous = out.at(-1);
    if (
      previous?.found === 'link' &&
      embed.found === 'text' &&
      embed.shortcode === null &&
      embed.start - previous.end <= 8 &&
      source.slice(previous.end, embed.start).trim() === '' &&
      imageOnly(source.slice(previous.start, previous.end))
    ) {
      out[out.length - 1] = toFoundEmbed(
        'text',
        previous.start,
        embed.end,
        {
          permalink: previous.permalink,
          name: embed.author.name,
          handle: embed.author.handle,
          caption: embed.caption,
          datetime: embed.datetime,
          dateText: embed.dateText,
          embedVersion: null,
          notes: ['leftover'],
        },
        now,
      );
      continue;
    }
    out.push(embed);
  }
  return out;
}

/** A link whose only content is an image: Markdown `[![…](…)](…)` or `<a …><img …></a>`. */
function imageOnly(markup: string): boolean {
  if (markup.startsWith('[![')) return true;
  return /<img\b/i.test(markup) && markup.replace(/<[^<>]*>/g, '').trim() === '';
}
