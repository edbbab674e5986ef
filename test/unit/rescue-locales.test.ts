import { describe, expect, it } from 'vitest';
import { parseVisibleDate } from '../../shared/rescue/dates.js';
import { findEmbeds } from '../../shared/rescue/index.js';
import { readJsonlFixture } from '../support/fixtures.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const POST = 'https://www.instagram.com/p/B3IHhXZgz2Y/';

interface LocaleRow {
  lang: string;
  header: string | null;
  byline: string | null;
  name?: string | null;
  handle?: string;
  dateText?: string | null;
  datetime?: string;
  source: Record<string, unknown>;
}

/** One published sample per language Instagram's embed was seen in (test/fixtures/rescue/README.md). */
const rows = readJsonlFixture<LocaleRow>('rescue', 'locales.jsonl');
const bylines = rows.filter((row) => row.byline !== null);
/** A language with several samples (present and past wordings) numbers them: "de", "de 2", … */
const labelOf = (row: LocaleRow) => {
  const same = rows.filter((other) => other.lang === row.lang);
  return same.length > 1 ? `${row.lang} ${same.indexOf(row) + 1}` : row.lang;
};
const stripTags = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&#39;/g, "'");

describe('Instagram embed chrome in every language seen in published samples', () => {
  it('covers at least 30 languages, each with its provenance', () => {
    expect(new Set(rows.map((row) => row.lang)).size).toBeGreaterThanOrEqual(30);
    for (const row of rows) expect(row.source.repository ?? row.source.file_id ?? row.source.url, row.lang).toBeTruthy();
  });

  it.each(bylines.map((row) => [labelOf(row), row] as const))('%s: a blockquote embed', (_lang, row) => {
    const html = `<p>Intro.</p><blockquote class="instagram-media" data-instgrm-permalink="${POST}" data-instgrm-version="12"><div><a href="${POST}">${row.header ?? ''}</a></div><p><a href="${POST}">Caption line 🌧️</a></p><p>${row.byline}</p></blockquote><p>After.</p>`;
    const found = findEmbeds(html, 'html', NOW);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      found: 'blockquote',
      shortcode: 'B3IHhXZgz2Y',
      author: { name: row.name, handle: row.handle },
      dateText: row.dateText ?? null,
    });
    expect(found[0]?.caption).toBe('Caption line 🌧️');
    if (row.datetime) expect(found[0]?.datetime).toBe(row.datetime);
  });

  it.each(bylines.map((row) => [labelOf(row), row] as const))('%s: the leftover of a dead embed, as HTML paragraphs', (_lang, row) => {
    const leftover = `${row.header ? `<p>${row.header}</p>\n<p>Caption line</p>\n` : ''}<p>${row.byline}</p>`;
    const html = `<html><body><p>Intro.</p>\n${leftover}\n<p>After.</p></body></html>`;
    const found = findEmbeds(html, 'html', NOW);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ found: 'text', author: { name: row.name, handle: row.handle }, dateText: row.dateText ?? null });
    expect(found[0]?.caption).toBe(row.header ? 'Caption line' : null);
    expect(html.slice(found[0]?.start, found[0]?.end)).toBe(leftover);
  });

  it.each(bylines.map((row) => [labelOf(row), row] as const))(
    '%s: the leftover as plain text, white space lost after the header',
    (_lang, row) => {
      const text = `Intro.\n\n${row.header ?? ''}${row.header ? 'Caption line\n' : ''}${stripTags(row.byline ?? '')}\n\nAfter.`;
      const found = findEmbeds(text, 'text', NOW);
      expect(found).toHaveLength(1);
      expect(found[0]?.author).toEqual({ name: row.name?.trim() ?? null, handle: row.handle });
    },
  );

  // Template words first (the byline starts with neither name nor handle): a flattened copy's
  // header, caption and byline on one line after the page's sentence still tell apart. Where the
  // name comes first, nothing on such a line says where the caption ends and the name begins.
  const leading = bylines.filter((row) => {
    const plain = stripTags(row.byline ?? '').trim();
    return row.header !== null && !plain.startsWith('@') && !(row.name && plain.startsWith(row.name));
  });
  it.each(leading.map((row) => [labelOf(row), row] as const))(
    "%s: the leftover a flattening tool ran onto the line of the page's sentence",
    (_lang, row) => {
      const text = `The page's own sentence ends here. ${row.header} Caption line ${stripTags(row.byline ?? '')} The page goes on.`;
      const found = findEmbeds(text, 'text', NOW);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ author: { name: row.name?.trim() ?? null, handle: row.handle }, caption: 'Caption line' });
    },
  );

  it.each(bylines.filter((row) => row.header).map((row) => [labelOf(row), row] as const))(
    '%s: a captioned embed whose blockquote a sanitiser or a Markdown converter dropped, header and caption each a link to the post',
    (_lang, row) => {
      const html = `<p>Intro.</p>\n<p><a href="${POST}">${row.header}</a></p>\n<p><a href="${POST}">Caption line</a></p>\n<p>${row.byline}</p>\n<p>After.</p>`;
      const markdown = `Intro.\n\n[${row.header}](${POST}?utm_source=ig_embed)\n\n[Caption line](${POST}?utm_source=ig_embed)\n\n${stripTags(row.byline ?? '')}\n\nAfter.`;
      for (const [input, format] of [
        [html, 'html'],
        [markdown, 'markdown'],
      ] as const) {
        const found = findEmbeds(input, format, NOW);
        expect(found, format).toHaveLength(1);
        expect(found[0], format).toMatchObject({
          shortcode: 'B3IHhXZgz2Y',
          caption: 'Caption line',
          author: { name: row.name?.trim() ?? null, handle: row.handle },
          dateText: row.dateText ?? null,
        });
      }
    },
  );

  it.each(bylines.map((row) => [labelOf(row), row] as const))(
    '%s: a leftover whose byline the page linked to the post, date and all',
    (_lang, row) => {
      const html = `<p>Intro.</p>\n<p>${row.header ?? ''}</p>\n<p>Caption line</p>\n<p><a href="${POST}">${stripTags(row.byline ?? '')}</a></p>\n<p>After.</p>`;
      const found = findEmbeds(html, 'html', NOW);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ shortcode: 'B3IHhXZgz2Y', author: { name: row.name?.trim() ?? null, handle: row.handle } });
    },
  );

  it.each(bylines.map((row) => [labelOf(row), row] as const))(
    '%s: a byline whose spaces the page wrote as no-break spaces',
    (_lang, row) => {
      const byline = (row.byline ?? '').replace(/ (?![^<]*>)/g, '&nbsp;');
      const found = findEmbeds(
        `<p>Intro.</p>\n<p>${row.header ?? ''}</p>\n<p>Caption line</p>\n<p>${byline}</p>\n<p>After.</p>`,
        'html',
        NOW,
      );
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ author: { name: row.name?.trim() ?? null, handle: row.handle }, dateText: row.dateText ?? null });
    },
  );

  it.each(rows.filter((row) => row.dateText).map((row) => [labelOf(row), row] as const))(
    '%s: the visible date reads as a date, for leftovers that lost the datetime attribute',
    (_lang, row) => {
      expect(parseVisibleDate(row.dateText ?? '')).not.toBeNull();
    },
  );

  it.each(rows.filter((row) => row.header).map((row) => [labelOf(row), row] as const))(
    '%s: a header that lost its byline keeps the caption',
    (_lang, row) => {
      const html = `<p>Intro.</p>\n<p><a href="${POST}">${row.header}</a></p>\n<p>Sunset over the bay</p>\n\n<p>After a while, more text.</p>`;
      const found = findEmbeds(html, 'html', NOW);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ found: 'text', shortcode: 'B3IHhXZgz2Y', caption: 'Sunset over the bay', author: { handle: null } });
      expect(found[0]?.review.reasons).toContain('caption-only');
    },
  );
});
