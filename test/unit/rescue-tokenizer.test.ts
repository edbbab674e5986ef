import { Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { CHUNK } from '../../shared/rescue/document.js';
import { ScanTokenizer } from '../../shared/rescue/tokenizer.js';
import { ADVERSARIAL } from '../support/adversarial-articles.js';
import { listFixtures, readFixture } from '../support/fixtures.js';

/**
 * The rescue's Tokenizer (shared/rescue/tokenizer.ts) finds the end of a run of text, a quoted
 * value or an end tag natively; everything it reports must be what htmlparser2's own Tokenizer
 * reports, token for token with the same source positions, fed the same chunks.
 */
type Made = new (...args: ConstructorParameters<typeof Tokenizer>) => Tokenizer;

function tokens(Made: Made, source: string, recognizeSelfClosing: boolean): string[] {
  const out: string[] = [];
  const record =
    (name: string) =>
    (...args: number[]) => {
      out.push(`${name} ${args.join(' ')}`);
    };
  const tokenizer = new Made(
    { decodeEntities: false, recognizeSelfClosing },
    {
      onattribdata: record('attribdata'),
      onattribentity: record('attribentity'),
      onattribend: record('attribend'),
      onattribname: record('attribname'),
      oncdata: record('cdata'),
      onclosetag: record('closetag'),
      oncomment: record('comment'),
      ondeclaration: record('declaration'),
      onend: record('end'),
      onopentagend: record('opentagend'),
      onopentagname: record('opentagname'),
      onprocessinginstruction: record('processinginstruction'),
      onselfclosingtag: record('selfclosingtag'),
      ontext: record('text'),
      ontextentity: record('textentity'),
    },
  );
  for (let offset = 0; offset < source.length; offset += CHUNK) tokenizer.write(source.slice(offset, offset + CHUNK));
  tokenizer.end();
  return out;
}

const articles: Array<[string, string]> = [
  ...listFixtures('instagram', 'embeds')
    .filter((file) => file.endsWith('.html'))
    .map((file): [string, string] => [`embed ${file}`, readFixture('instagram', 'embeds', file)]),
  ...listFixtures('rescue', 'articles').map((file): [string, string] => [`article ${file}`, readFixture('rescue', 'articles', file)]),
  ...listFixtures('rescue', 'web').map((file): [string, string] => [`web ${file}`, readFixture('rescue', 'web', file)]),
  // Unfinished runs at the end of an article and at chunk boundaries.
  ['text to the end', 'a'.repeat(CHUNK + 7)],
  ['value across a chunk boundary', `<a title="${'x'.repeat(CHUNK)}">t</a>`],
  ['quote missing', `<a title='${'y'.repeat(CHUNK - 11)}`],
  ['end tag without ">"', `<p>x</p${' '.repeat(CHUNK)}`],
  ['"<" the last character of a chunk', `${'z'.repeat(CHUNK - 1)}<b>bold</b>`],
];

describe("the rescue's Tokenizer reports what htmlparser2's reports", () => {
  it.each(articles)('%s', (_name, source) => {
    for (const selfClosing of [false, true])
      expect(tokens(ScanTokenizer, source, selfClosing)).toEqual(tokens(Tokenizer, source, selfClosing));
  });

  it.each(ADVERSARIAL.map((a) => [a.name, a] as const))('adversarial: %s over several chunks', (_name, adversarial) => {
    const source = adversarial.build(3 * CHUNK + 123);
    expect(tokens(ScanTokenizer, source, adversarial.format !== 'html')).toEqual(tokens(Tokenizer, source, adversarial.format !== 'html'));
  });

  it('the method it replaces is still htmlparser2 Tokenizer’s own, so the replacement is what runs', () => {
    const base = Tokenizer.prototype as unknown as Record<string, unknown>;
    const own = ScanTokenizer.prototype as unknown as Record<string, unknown>;
    expect(typeof base.fastForwardTo).toBe('function');
    expect(Object.hasOwn(ScanTokenizer.prototype, 'fastForwardTo')).toBe(true);
    expect(own.fastForwardTo).not.toBe(base.fastForwardTo);
  });
});
