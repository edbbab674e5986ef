import { Tokenizer } from 'htmlparser2';

export { QuoteType } from 'htmlparser2';

/**
 * htmlparser2's Tokenizer, waiting for the one character that ends a run (the `<` after text,
 * the quote after a value, the `>` after an end tag's name) with `String.prototype.indexOf`
 * rather than a loop over the characters: the same positions, found natively. The loop was the
 * largest part of the Tokenizer's time on an article of prose (docs/adr/0011-rescue-reads-tokens-once.md).
 * Nothing else of the Tokenizer changes; test/unit/rescue-tokenizer.test.ts holds it to
 * htmlparser2's own on every fixture and adversarial article.
 */
export class ScanTokenizer extends Tokenizer {}

/** The Tokenizer's state this reads and sets (private in its types, plain fields at run time). */
interface TokenizerPosition {
  buffer: string;
  index: number;
  offset: number;
}

/** The characters the Tokenizer fast-forwards to, as strings for indexOf. */
const AS_STRING: Readonly<Record<number, string>> = { 34: '"', 39: "'", 60: '<', 62: '>' };

Object.defineProperty(ScanTokenizer.prototype, 'fastForwardTo', {
  /** From the character after `index`: true with `index` on the next `c` in the chunk, else false with `index` on its last character. */
  value: function fastForwardTo(this: TokenizerPosition, c: number): boolean {
    const wanted = AS_STRING[c] ?? String.fromCharCode(c);
    const at = this.buffer.indexOf(wanted, this.index - this.offset + 1);
    if (at >= 0) {
      this.index = at + this.offset;
      return true;
    }
    this.index = this.buffer.length + this.offset - 1;
    return false;
  },
});
