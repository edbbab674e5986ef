import { describe, expect, it } from 'vitest';
import { parseShortcodeTime } from '../../shared/instagram/shortcode.js';
import { detectFormat, type FoundEmbed, findEmbeds } from '../../shared/rescue/index.js';
import { listFixtures, readFixture, readJsonlFixture } from '../support/fixtures.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const FIELDS = ['found', 'shortcode', 'kind', 'name', 'handle', 'caption', 'datetime', 'dateText', 'takenAt'] as const;
type Field = (typeof FIELDS)[number];
type Row = Record<Field, string | null> & { file: string; type?: string };

const iso = (value: string | null) => (value ? new Date(value).toISOString().replace(/\.000Z$/, 'Z') : null);
const fieldOf = (embed: FoundEmbed, field: Field): string | null => {
  if (field === 'name') return embed.author.name;
  if (field === 'handle') return embed.author.handle;
  return (embed as unknown as Record<string, string | null>)[field] ?? null;
};

/** Field by field, in article order; a missing or extra post costs all its fields. */
function score(rows: Row[], found: FoundEmbed[], matches: (field: Field, expected: string | null, actual: string | null) => boolean) {
  let right = 0;
  const misses: string[] = [];
  rows.forEach((row, i) => {
    const embed = found[i];
    for (const field of FIELDS) {
      if (embed && matches(field, row[field], fieldOf(embed, field))) right += 1;
      else
        misses.push(
          `${row.file}#${i} ${field}: ${JSON.stringify(row[field])} ≠ ${JSON.stringify(embed ? fieldOf(embed, field) : undefined)}`,
        );
    }
  });
  return { right, total: rows.length * FIELDS.length, misses, falseFinds: Math.max(0, found.length - rows.length) };
}

const exact = (_f: Field, expected: string | null, actual: string | null) => expected === actual;

/** Every file of a fixture folder through the rescue, scored against the folder's expected.jsonl. */
function describeFolder(folder: string, title: string, goal: number) {
  describe(title, () => {
    const rows = readJsonlFixture<Row>('rescue', folder, 'expected.jsonl');
    const files = listFixtures('rescue', folder).filter((f) => f !== 'expected.jsonl');
    const results = files.map((file) => {
      const text = readFixture('rescue', folder, file);
      const type = { html: 'text/html', md: 'text/markdown' }[file.split('.').pop() ?? ''] ?? 'text/plain';
      return { file, text, found: findEmbeds(text, detectFormat(type, text), NOW), rows: rows.filter((r) => r.file === file) };
    });
    const scores = results.map((r) => score(r.rows, r.found, exact));
    const right = scores.reduce((n, s) => n + s.right, 0);
    const total = scores.reduce((n, s) => n + s.total, 0);
    const falseFinds = scores.reduce((n, s) => n + s.falseFinds, 0);

    it(`scores ${((100 * right) / total).toFixed(1)}% of ${total} fields with ${falseFinds} false finds (goal ≥ ${100 * goal}%, 0)`, () => {
      expect(falseFinds).toBe(0);
      expect(right / total, scores.flatMap((s) => s.misses).join('\n')).toBeGreaterThanOrEqual(goal);
    });

    it.each(results.map((r) => [r.file, r] as const))('%s: the posts it holds, in order, and nothing else', (_file, r) => {
      expect(r.found.map((e) => e.shortcode ?? e.author.handle)).toEqual(r.rows.map((row) => row.shortcode ?? row.handle));
      // Every range lies in the article and they do not overlap.
      let cursor = 0;
      for (const embed of r.found) {
        expect(embed.start).toBeGreaterThanOrEqual(cursor);
        expect(embed.end).toBeLessThanOrEqual(r.text.length);
        cursor = embed.end;
      }
    });
  });
}

describeFolder('articles', 'whole articles written for the tests (test/fixtures/rescue/articles)', 0.99);
describeFolder('web', 'real pages the rescue was not tuned on (test/fixtures/rescue/web)', 0.95);

interface CorpusRow {
  file: string;
  shortcode: string;
  kind: string;
  author_name: string | null;
  author_handle: string | null;
  caption_starts_with: string | null;
  timestamp: string | null;
  date_text: string | null;
}

describe('the visible corpus, scored field by field', () => {
  const sets = [
    { folder: 'embeds', file: (row: CorpusRow) => readFixture('instagram', 'embeds', row.file), format: 'html' as const },
    { folder: 'text', file: (row: CorpusRow) => readFixture('instagram', 'text', row.file), format: 'markdown' as const },
    {
      folder: 'oembed',
      file: (row: CorpusRow) => (JSON.parse(readFixture('instagram', 'oembed', row.file)) as { html: string }).html,
      format: 'html' as const,
    },
  ];
  let right = 0;
  let total = 0;
  let falseFinds = 0;
  const misses: string[] = [];
  for (const set of sets) {
    for (const row of readJsonlFixture<CorpusRow>('instagram', set.folder, 'expected.jsonl')) {
      const found = findEmbeds(set.file(row), set.format, NOW);
      falseFinds += Math.max(0, found.length - 1);
      const embed = found[0];
      const expectedTime = row.timestamp ? iso(row.timestamp) : iso(parseShortcodeTime(row.shortcode, NOW)?.toISOString() ?? null);
      const checks: Array<[string, boolean]> = [
        ['shortcode', embed?.shortcode === row.shortcode],
        ['kind', embed?.kind === row.kind],
        ['name', embed?.author.name === row.author_name],
        ['handle', embed?.author.handle === row.author_handle],
        [
          'caption',
          row.caption_starts_with === null
            ? embed?.caption === null || set.folder === 'oembed'
            : (embed?.caption ?? '').startsWith(row.caption_starts_with),
        ],
        ['datetime', embed?.datetime === row.timestamp],
        ['dateText', embed?.dateText === row.date_text],
        ['takenAt', embed?.takenAt === expectedTime],
      ];
      for (const [field, ok] of checks) {
        total += 1;
        if (ok) right += 1;
        else misses.push(`${set.folder}/${row.file} ${field}`);
      }
    }
  }
  it(`scores ${((100 * right) / total).toFixed(1)}% of ${total} fields with ${falseFinds} false finds (goal ≥ 99%, 0)`, () => {
    expect(falseFinds).toBe(0);
    expect(right / total, misses.join('\n')).toBeGreaterThanOrEqual(0.99);
  });
});
