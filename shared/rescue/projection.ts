import { firstStartingFrom } from './sorted.js';

/**
 * The readable text of an article with a map back to the article. Block elements and `<br>` are
 * '\n'; in Markdown and plain text a line break is a break too. Keeps the `<time datetime>`
 * elements and links met on the way, because bylines keep their date in a `<time>` and their
 * permalink in an `<a>` or a Markdown link (text/01.txt, 2026-11).
 */
export interface Projection {
  readonly text: string;
  /** Sorted by start. */
  readonly times: ReadonlyArray<{ start: number; end: number; datetime: string | null }>;
  /** Sorted by start; `s`/`e` are the link's own source range (Markdown links, `<a>` elements). */
  readonly links: ReadonlyArray<TextLink>;
  /** Text index → source index, for the start of a character. */
  toSourceStart(textIndex: number): number;
  /** Text index (exclusive end) → source index (exclusive end). */
  toSourceEnd(textIndex: number): number;
}

export interface TextLink {
  readonly start: number;
  readonly end: number;
  readonly href: string;
  readonly s: number;
  readonly e: number;
  /** The `<a>` element in the element table, or -1 (Markdown). */
  readonly element: number;
}

/** Runs at least this long are copied natively rather than character by character. */
const NATIVE_COPY = 32;
/** What HTML reads as a space in text (besides the space itself). */
const CONTROLS = ['\t', '\n', '\f', '\r'];

/**
 * Builds the text in one pass; pieces map text ranges to source ranges (entities shrink, Markdown
 * syntax drops). A 1 MB article makes some 60,000 pieces: they go into a growing Int32Array, and
 * the text's characters into a growing Uint16Array made a string once at the end. Appending
 * 60,000 strings and flattening the chain in parts was a sixth of the rescue's time (bench
 * article, 2026-12); the copy at the end is one pass over the buffer, with no chain to walk
 * (docs/adr/0011-rescue-reads-tokens-once.md). A run of 32 characters or more is copied natively,
 * its tabs and line breaks found by searches rather than by looking at every character.
 */
export class ProjectionBuilder {
  private chars: Uint16Array;
  /** The same memory as `chars`, for copying a long run natively (made when first needed). */
  private view: Buffer | null = null;
  length = 0;
  /** Flattened pieces: text start, text length, source start, source end, innermost element. */
  private pieces: Int32Array;
  private used = 0;
  readonly times: Array<{ start: number; end: number; datetime: string | null }> = [];
  readonly links: TextLink[] = [];
  /** Where the next tab, line feed, form feed and carriage return of the source stand (-1: not looked for yet). */
  private readonly controls = [-1, -1, -1, -1];
  private controlsFrom = 0;

  /** `sourceLength` sizes the tables: an article makes about one piece per 20 characters (bench article, 2026-12). */
  constructor(sourceLength: number) {
    this.pieces = new Int32Array(5 * Math.max(16, Math.ceil(sourceLength / 20)));
    this.chars = new Uint16Array(Math.max(64, sourceLength + 16));
  }

  private get bytes(): Buffer {
    this.view ??= Buffer.from(this.chars.buffer, this.chars.byteOffset, this.chars.byteLength);
    return this.view;
  }

  private piece(n: number, s: number, e: number, element: number): void {
    let p = this.pieces;
    const k = this.used;
    if (k + 5 > p.length) {
      const grown = new Int32Array(p.length * 2);
      grown.set(p);
      this.pieces = grown;
      p = grown;
    }
    p[k] = this.length;
    p[k + 1] = n;
    p[k + 2] = s;
    p[k + 3] = e;
    p[k + 4] = element;
    this.used = k + 5;
  }

  private room(n: number): Uint16Array {
    if (this.length + n > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.length + n));
      grown.set(this.chars.subarray(0, this.length));
      this.chars = grown;
      this.view = null;
    }
    return this.chars;
  }

  emit(value: string, s: number, e: number, element: number): void {
    const n = value.length;
    if (n === 0) return;
    this.piece(n, s, e, element);
    const chars = this.room(n);
    let at = this.length;
    if (n >= 256) {
      this.bytes.write(value, at * 2, n * 2, 'utf16le');
      at += n;
    } else for (let i = 0; i < n; i += 1) chars[at++] = value.charCodeAt(i);
    this.length = at;
  }

  /** `source[s, e)` as text, its own source range; `spaces`: a line break, tab or form feed becomes a space (HTML). */
  emitSource(source: string, s: number, e: number, element: number, spaces: boolean): void {
    const n = e - s;
    if (n <= 0) return;
    this.piece(n, s, e, element);
    const chars = this.room(n);
    let at = this.length;
    if (n >= NATIVE_COPY) {
      this.bytes.write(source.slice(s, e), at * 2, n * 2, 'utf16le');
      if (spaces) this.spaceControls(source, s, e, chars, at);
      at += n;
    } else if (spaces) {
      for (let i = s; i < e; i += 1) {
        const c = source.charCodeAt(i);
        chars[at++] = c <= 13 && (c === 10 || c === 13 || c === 9 || c === 12) ? 32 : c;
      }
    } else {
      for (let i = s; i < e; i += 1) chars[at++] = source.charCodeAt(i);
    }
    this.length = at;
  }

  /**
   * The tabs, line breaks and form feeds of `source[s, e)`, copied to `chars` at `at`, made spaces.
   * Each of the four is found by its own search, kept until passed: text runs come in source
   * order, so every search runs once over the source.
   */
  private spaceControls(source: string, s: number, e: number, chars: Uint16Array, at: number): void {
    const next = this.controls;
    // (Were a run ever read before the one read last, every search would start again.)
    if (s < this.controlsFrom) next.fill(-1);
    this.controlsFrom = s;
    for (let k = 0; k < CONTROLS.length; k += 1) {
      let p = next[k] as number;
      if (p < s) p = source.indexOf(CONTROLS[k] as string, s);
      while (p >= 0 && p < e) {
        chars[at + p - s] = 32;
        p = source.indexOf(CONTROLS[k] as string, p + 1);
      }
      next[k] = p < 0 ? source.length : p;
    }
  }

  /** The last character emitted is a line break (or nothing was emitted). */
  endsWithBreak(): boolean {
    return this.length === 0 || this.chars[this.length - 1] === 10;
  }

  finish(): BuiltProjection {
    // A decoded copy is often a few hundred characters (20,000 doc-comment embeds): made without a Buffer.
    const text =
      this.length <= 1024
        ? String.fromCharCode.apply(null, this.chars.subarray(0, this.length) as unknown as number[])
        : this.bytes.toString('utf16le', 0, this.length * 2);
    return new BuiltProjection(text, this.pieces.subarray(0, this.used), this.times, this.links);
  }
}

export class BuiltProjection implements Projection {
  readonly times: Array<{ start: number; end: number; datetime: string | null }>;
  readonly links: TextLink[];

  constructor(
    readonly text: string,
    private readonly pieces: Int32Array,
    times: Array<{ start: number; end: number; datetime: string | null }>,
    links: TextLink[],
  ) {
    // Mostly in order already (an element is recorded when it closes): sorted only when not.
    this.times = sortedByStart(times);
    this.links = sortedByStart(links);
  }

  private get count(): number {
    return this.pieces.length / 5;
  }

  /** Index of the last piece whose text start is ≤ textIndex. */
  private locate(textIndex: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.pieces[mid * 5] ?? 0) <= textIndex) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private piece(i: number): { t: number; len: number; s: number; e: number; el: number } {
    const p = this.pieces;
    const k = i * 5;
    return { t: p[k] ?? 0, len: p[k + 1] ?? 0, s: p[k + 2] ?? 0, e: p[k + 3] ?? 0, el: p[k + 4] ?? -1 };
  }

  toSourceStart(textIndex: number): number {
    if (this.count === 0) return 0;
    const p = this.piece(this.locate(textIndex));
    if (textIndex >= p.t + p.len) return p.e;
    return p.len === p.e - p.s ? p.s + (textIndex - p.t) : p.s;
  }

  toSourceEnd(textIndex: number): number {
    if (this.count === 0) return 0;
    const p = this.piece(this.locate(Math.max(0, textIndex - 1)));
    if (textIndex <= p.t) return p.s;
    return p.len === p.e - p.s ? p.s + (textIndex - p.t) : p.e;
  }

  /** The innermost element open when the character at textIndex was read, or -1. */
  elementAt(textIndex: number): number {
    if (this.count === 0) return -1;
    return this.piece(this.locate(textIndex)).el;
  }

  /** The first text index whose source position is at or after `source`. */
  toTextIndex(source: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.pieces[mid * 5 + 3] ?? 0) <= source) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.count) return this.text.length;
    const p = this.piece(lo);
    if (source <= p.s) return p.t;
    return p.len === p.e - p.s ? p.t + (source - p.s) : p.t;
  }

  /** A view of [from, to) with times and links shifted, for rules that read one embed. */
  slice(from: number, to: number): Projection {
    const shift = <T extends { start: number; end: number }>(items: readonly T[]): T[] => {
      const out: T[] = [];
      for (let i = firstStartingFrom(items, from); i < items.length; i += 1) {
        const item = items[i] as T;
        if (item.start >= to) break;
        out.push({ ...item, start: item.start - from, end: Math.min(item.end, to) - from });
      }
      return out;
    };
    // Times and links are shifted when a rule first asks for them: most text windows of a long
    // article hold no byline, and copying every link of every window was a tenth of a rescue.
    let times: Array<{ start: number; end: number; datetime: string | null }> | null = null;
    let links: TextLink[] | null = null;
    const all = this;
    return {
      text: this.text.slice(from, to),
      get times() {
        times ??= shift(all.times);
        return times;
      },
      get links() {
        links ??= shift(all.links);
        return links;
      },
      toSourceStart: (i) => this.toSourceStart(i + from),
      toSourceEnd: (i) => this.toSourceEnd(i + from),
    };
  }
}

function sortedByStart<T extends { start: number }>(items: T[]): T[] {
  for (let i = 1; i < items.length; i += 1) {
    if ((items[i] as T).start < (items[i - 1] as T).start) return items.sort((a, b) => a.start - b.start);
  }
  return items;
}
