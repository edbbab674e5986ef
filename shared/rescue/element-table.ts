export interface Attribute {
  readonly name: string;
  readonly value: string;
  /** The value started with a backslash-escaped quote: markup inside a JSON/JS/SQL string literal. */
  readonly escaped: boolean;
}

/** The elements of a document in the order they open; index i of every column is element i. */
export interface ElementTable {
  readonly name: readonly string[];
  readonly start: Int32Array;
  readonly tagEnd: Int32Array;
  readonly end: Int32Array;
  readonly textStart: Int32Array;
  readonly textEnd: Int32Array;
  readonly parent: Int32Array;
  /** 1 when closed by its own end tag. */
  readonly closed: Uint8Array;
  readonly attrs: ReadonlyArray<readonly Attribute[] | null>;
}

/**
 * The table as it is built: columns of numbers in typed arrays that double when full, rather than
 * growing arrays of numbers. The table lives as long as the rescue does, so each array it grew
 * through was garbage and the last one was copied by the collector (docs/adr/0011-rescue-reads-tokens-once.md).
 */
export class ElementTableBuilder {
  count = 0;
  readonly name: string[];
  readonly attrs: Array<readonly Attribute[] | null>;
  start: Int32Array;
  tagEnd: Int32Array;
  end: Int32Array;
  textStart: Int32Array;
  textEnd: Int32Array;
  parent: Int32Array;
  closed: Uint8Array;

  /** `sourceLength` sizes the columns: an article opens about one element per 60 characters (bench article, 2026-12). */
  constructor(sourceLength: number) {
    const capacity = Math.max(16, Math.ceil(sourceLength / 64));
    // The two columns of values are made their expected length at once too (at most 65,536: a
    // longer array made so would be a dictionary), and cut to the count at the end.
    this.name = new Array<string>(Math.min(capacity, 65_536));
    this.attrs = new Array<readonly Attribute[] | null>(this.name.length);
    this.start = new Int32Array(capacity);
    this.tagEnd = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.textStart = new Int32Array(capacity);
    this.textEnd = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.closed = new Uint8Array(capacity);
  }

  /** A new element, open (not closed) and ending at its start tag; its index. */
  add(name: string, start: number, tagEnd: number, parent: number, textAt: number, attrs: readonly Attribute[] | null): number {
    const i = this.count;
    if (i === this.start.length) this.grow();
    this.name[i] = name;
    this.attrs[i] = attrs;
    this.start[i] = start;
    this.tagEnd[i] = tagEnd;
    this.end[i] = tagEnd;
    this.textStart[i] = textAt;
    this.textEnd[i] = textAt;
    this.parent[i] = parent;
    this.count = i + 1;
    return i;
  }

  finish(): ElementTable {
    const n = this.count;
    this.name.length = n;
    this.attrs.length = n;
    return {
      name: this.name,
      attrs: this.attrs,
      start: this.start.subarray(0, n),
      tagEnd: this.tagEnd.subarray(0, n),
      end: this.end.subarray(0, n),
      textStart: this.textStart.subarray(0, n),
      textEnd: this.textEnd.subarray(0, n),
      parent: this.parent.subarray(0, n),
      closed: this.closed.subarray(0, n),
    };
  }

  private grow(): void {
    const size = this.start.length * 2;
    const wider = <T extends Int32Array | Uint8Array>(column: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(column);
      return next;
    };
    const ints = (n: number) => new Int32Array(n);
    this.start = wider(this.start, ints);
    this.tagEnd = wider(this.tagEnd, ints);
    this.end = wider(this.end, ints);
    this.textStart = wider(this.textStart, ints);
    this.textEnd = wider(this.textEnd, ints);
    this.parent = wider(this.parent, ints);
    this.closed = wider(this.closed, (n) => new Uint8Array(n));
  }
}
