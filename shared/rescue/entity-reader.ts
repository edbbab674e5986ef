import { DecodingMode, EntityDecoder, htmlDecodeTree } from 'entities/decode';

export { DecodingMode };

/**
 * Character references as htmlparser2's Tokenizer decodes them, read beside a Tokenizer that does
 * not decode: that one skips to the next `<` or quote instead of stepping through every character
 * (docs/adr/0011-rescue-reads-tokens-once.md). The decoder is the Tokenizer's own (entities'
 * EntityDecoder, in the same mode) and is fed the same chunks, so every reference decodes to the
 * same code points over the same source range.
 */
export class EntityReader {
  /** The code points of the reference last read (two for a few named ones). */
  readonly points: number[] = [];
  /**
   * The last chunk boundary the reference last read was still being decoded at (0: none). The
   * Tokenizer reports no text at such a boundary: the text before the reference and after it
   * runs on across it.
   */
  crossedTo = 0;
  /** The reference last read was still being decoded at the end of the source. */
  unfinished = false;
  private consumed = 0;
  private readonly decoder: EntityDecoder;

  constructor(
    private readonly source: string,
    private readonly chunk: number,
  ) {
    this.decoder = new EntityDecoder(htmlDecodeTree, (codepoint, consumed) => {
      this.points.push(codepoint);
      this.consumed = consumed;
    });
  }

  /** The length of the reference whose `&` is at `at` (0: none), its code points in `points`. */
  read(at: number, mode: DecodingMode): number {
    const { source, chunk, decoder } = this;
    const first = at - (at % chunk);
    this.crossedTo = 0;
    this.unfinished = false;
    // No reference is longer than 33 characters before its digits run out or its name stops
    // matching, and digits are counted in its length: far from the end of its chunk, a reference
    // is decoded from the whole source, which holds the same characters as the chunk.
    if (first + chunk - at > 64) {
      const length = this.decode(mode, source, at + 1);
      if (length >= 0 && at + length + 1 < first + chunk) return this.found();
      if (length < 0 && source.length <= first + chunk) {
        this.unfinished = true;
        decoder.end();
        return this.found();
      }
    }
    // Near the end of its chunk: fed chunk by chunk, as the Tokenizer feeds it.
    let length = -1;
    let started = false;
    for (let c = first; ; ) {
      const from = Math.max(at + 1, c) - c;
      if (from < chunk && c + from < source.length) {
        length = started ? decoder.write(source.slice(c, c + chunk), from) : this.decode(mode, source.slice(c, c + chunk), from);
        started = true;
        if (length >= 0) break;
      }
      c += chunk;
      if (c >= source.length) break;
      this.crossedTo = c;
    }
    if (!started) this.decode(mode, '', 0);
    if (length < 0) {
      this.unfinished = true;
      decoder.end();
    }
    return this.found();
  }

  private decode(mode: DecodingMode, input: string, from: number): number {
    this.points.length = 0;
    this.consumed = 0;
    this.decoder.startEntity(mode);
    return this.decoder.write(input, from);
  }

  private found(): number {
    return this.points.length > 0 ? this.consumed : 0;
  }
}
