import { describe, expect, it } from 'vitest';
import { parseShortcodeTime } from '../../shared/instagram/shortcode.js';
import { findEmbeds } from '../../shared/rescue/index.js';
import { listFixtures, readFixture, readJsonlFixture } from '../support/fixtures.js';

/** The corpus was collected in 2026; every shortcode time is before this. */
const NOW = new Date('2026-11-22T00:00:00Z');

interface EmbedRow {
  file: string;
  permalink: string | null;
  canonical_url: string;
  shortcode: string;
  kind: 'p' | 'reel' | 'tv';
  author_name: string | null;
  author_handle: string | null;
  caption_starts_with: string | null;
  timestamp: string | null;
  date_text: string | null;
  embed_version: number | null;
}

const FORM_BY_FILE: Record<string, string> = { '40.html': 'amp', '41.html': 'amp', '42.html': 'iframe', '43.html': 'iframe' };

function expectedTime(timestamp: string | null, shortcode: string): string | null {
  if (timestamp) return new Date(timestamp).toISOString().replace(/\.000Z$/, 'Z');
  return (
    parseShortcodeTime(shortcode, NOW)
      ?.toISOString()
      .replace(/\.000Z$/, 'Z') ?? null
  );
}

function expectCaption(caption: string | null, startsWith: string | null): void {
  if (startsWith === null) expect(caption).toBeNull();
  else expect(caption?.startsWith(startsWith), `caption ${JSON.stringify(caption?.slice(0, 60))}`).toBe(true);
}

describe('findEmbeds on test/fixtures/instagram/embeds', () => {
  const rows = readJsonlFixture<EmbedRow>('instagram', 'embeds', 'expected.jsonl');

  it('covers every fixture file of the folder', () => {
    const files = listFixtures('instagram', 'embeds').filter((name) => name.endsWith('.html'));
    expect(rows.map((row) => row.file).sort()).toEqual(files);
    expect(rows.length).toBe(44);
  });

  it.each(rows.map((row) => [row.file, row] as const))('%s', (file, row) => {
    const html = readFixture('instagram', 'embeds', file);
    const found = findEmbeds(html, 'html', NOW);
    expect(found).toHaveLength(1);
    const [embed] = found;
    if (!embed) throw new Error('no embed');
    expect(embed.found).toBe(FORM_BY_FILE[file] ?? 'blockquote');
    expect(embed.shortcode).toBe(row.shortcode);
    expect(embed.kind).toBe(row.kind);
    expect(embed.canonicalUrl).toBe(row.canonical_url);
    expect(embed.permalink).toBe(row.permalink);
    expect(embed.author.name).toBe(row.author_name);
    expect(embed.author.handle).toBe(row.author_handle);
    expectCaption(embed.caption, row.caption_starts_with);
    expect(embed.datetime).toBe(row.timestamp);
    expect(embed.dateText).toBe(row.date_text);
    expect(embed.embedVersion).toBe(row.embed_version);
    // Each fixture is the embed (with its script and wrapper) and nothing else.
    expect([embed.start, embed.end]).toEqual([0, html.trimEnd().length]);
    expect(embed.contentKey).toBeNull();
    // Instagram's own datetime is the publish time; without one, the shortcode's upload time.
    expect(embed.takenAt).toBe(expectedTime(row.timestamp, row.shortcode));
    expect(embed.takenAtSource).toBe(row.timestamp ? 'article-datetime' : 'shortcode');
    expect(embed.review.confidence).toBe('high');
  });
});

interface TextRow {
  file: string;
  permalink: string;
  shortcode: string;
  kind: 'p';
  author_name: string;
  author_handle: string;
  caption_starts_with: string | null;
  timestamp: string;
  date_text: string;
}

describe('findEmbeds on test/fixtures/instagram/text (Markdown leftover)', () => {
  const rows = readJsonlFixture<TextRow>('instagram', 'text', 'expected.jsonl');

  it.each(rows.map((row) => [row.file, row] as const))('%s', (file, row) => {
    const text = readFixture('instagram', 'text', file);
    const found = findEmbeds(text, 'markdown', NOW);
    expect(found).toHaveLength(1);
    const [embed] = found;
    expect(embed).toMatchObject({
      found: 'text',
      permalink: row.permalink,
      shortcode: row.shortcode,
      kind: row.kind,
      author: { name: row.author_name, handle: row.author_handle },
      datetime: row.timestamp,
      dateText: row.date_text,
    });
    expectCaption(embed?.caption ?? null, row.caption_starts_with);
  });
});

interface OembedRow {
  file: string;
  shortcode: string;
  kind: 'p' | 'reel' | 'tv';
  canonical_url: string;
  author_name: string;
  author_handle: string;
  caption_starts_with: string | null;
  timestamp: string | null;
  date_text: string | null;
}

describe('findEmbeds on the html of test/fixtures/instagram/oembed responses', () => {
  const rows = readJsonlFixture<OembedRow>('instagram', 'oembed', 'expected.jsonl');

  it('covers every recorded response', () => {
    expect(rows.map((row) => row.file).sort()).toEqual(listFixtures('instagram', 'oembed').filter((name) => name.endsWith('.json')));
  });

  it.each(rows.map((row) => [row.file, row] as const))('%s', (file, row) => {
    const body = JSON.parse(readFixture('instagram', 'oembed', file)) as { html: string };
    const found = findEmbeds(body.html, 'html', NOW);
    expect(found).toHaveLength(1);
    const [embed] = found;
    expect(embed).toMatchObject({
      found: 'blockquote',
      shortcode: row.shortcode,
      kind: row.kind,
      canonicalUrl: row.canonical_url,
      author: { name: row.author_name, handle: row.author_handle },
      datetime: row.timestamp,
      dateText: row.date_text,
    });
    if (row.caption_starts_with !== null) expectCaption(embed?.caption ?? null, row.caption_starts_with);
  });
});
