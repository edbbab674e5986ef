import { Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { CHUNK, scanDocument } from '../../shared/rescue/document.js';
import { runToEnd, Work } from '../../shared/rescue/work.js';

/**
 * The rescue reads character references beside a Tokenizer that does not decode them
 * (shared/rescue/entity-reader.ts). What it reads must be what htmlparser2's decoding Tokenizer
 * reports, fed the same chunks: the same text, the same attribute values, the same source
 * positions, above all where a reference runs across the boundary between two chunks.
 */

/** The text of `<p>…</p>` and the `title` value of `<a title=…>` as the decoding Tokenizer reports them. */
function decodedByTokenizer(html: string): { text: string; values: string[] } {
  let text = '';
  let value = '';
  const values: string[] = [];
  const noop = () => {};
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onattribdata: (start, end) => {
        value += html.slice(start, end);
      },
      onattribentity: (codepoint) => {
        value += String.fromCodePoint(codepoint);
      },
      onattribend: () => {
        values.push(value);
        value = '';
      },
      onattribname: noop,
      oncdata: noop,
      onclosetag: noop,
      oncomment: noop,
      ondeclaration: noop,
      onend: noop,
      onopentagend: noop,
      onopentagname: noop,
      onprocessinginstruction: noop,
      onselfclosingtag: noop,
      ontext: (start, end) => {
        text += html.slice(start, end);
      },
      ontextentity: (codepoint) => {
        text += String.fromCodePoint(codepoint);
      },
    },
  );
  for (let offset = 0; offset < html.length; offset += CHUNK) tokenizer.write(html.slice(offset, offset + CHUNK));
  tokenizer.end();
  return { text, values };
}

const REFERENCES = [
  // Named, with and without the semicolon; a legacy name followed by more letters ("&not" + "it").
  'x&amp;y',
  'x&ampy',
  'x&notit;y',
  'x&notin;y',
  // The longest name; a name's beginning that never ends ("&Abreve" needs its semicolon).
  'x&CounterClockwiseContourIntegral;y',
  'x&Abrevez y',
  // Numeric, decimal and hexadecimal, with and without the semicolon, and out of range.
  'x&#128512;y',
  'x&#x1F600y',
  'x&#x110000;y',
  // Two references back to back, and a lone ampersand.
  'x&lt;&gt;y & z',
];

/** `piece` placed so that its reference begins `back` characters before the end of the first chunk. */
function straddling(piece: string, back: number, wrap: (inner: string) => string): string {
  const head = wrap('').indexOf('\u0000');
  const filler = 'f'.repeat(CHUNK - back - head - piece.indexOf('&'));
  return wrap(`${filler}${piece}`).replace('\u0000', '');
}

describe('character references read beside the Tokenizer', () => {
  it.each(REFERENCES)('text %s across a chunk boundary reads as the decoding Tokenizer reads it', (piece) => {
    for (let back = 0; back <= 40; back += 1) {
      const html = straddling(piece, back, (inner) => `<p>\u0000${inner}</p>`);
      const doc = runToEnd(scanDocument(html, 'html', new Work()));
      const expected = decodedByTokenizer(html).text;
      expect(doc.projection.text, `${back} before the boundary`).toBe(`${expected}\n`);
      // The character after the reference maps back to its own place in the article.
      const y = doc.projection.text.lastIndexOf('y');
      expect(html[doc.projection.toSourceStart(y)], `${back} before the boundary`).toBe('y');
    }
  });

  it.each(REFERENCES)('an attribute value %s across a chunk boundary reads as the decoding Tokenizer reads it', (piece) => {
    for (let back = 0; back <= 40; back += 1) {
      const html = straddling(piece, back, (inner) => `<a title="\u0000${inner}">link</a>`);
      const doc = runToEnd(scanDocument(html, 'html', new Work()));
      const expected = decodedByTokenizer(html).values;
      expect(doc.elements.attrs[0]?.map((a) => a.value)).toEqual(expected);
    }
  });

  it('a reference of 40,000 digits runs over a whole chunk and still reads as one character', () => {
    const html = `<p>${'f'.repeat(CHUNK - 10)}&#${'0'.repeat(40_000)}65;y</p>`;
    const doc = runToEnd(scanDocument(html, 'html', new Work()));
    expect(doc.projection.text).toBe(`${decodedByTokenizer(html).text}\n`);
    expect(doc.projection.text.endsWith('Ay\n')).toBe(true);
  });

  it('a reference cut by the end of the article reads as the decoding Tokenizer reads it', () => {
    for (const tail of ['&amp', '&', '&#', '&#x41', '&notin']) {
      const html = `<p>x${tail}`;
      const doc = runToEnd(scanDocument(html, 'html', new Work()));
      expect(doc.projection.text, tail).toBe(`${decodedByTokenizer(html).text}\n`);
    }
  });
});
