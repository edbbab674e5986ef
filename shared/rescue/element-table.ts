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
  readonly closed: Int32Array;
  readonly attrs: ReadonlyArray<readonly Attribute[] | null>;
}

/** Start, tag end, end, text start, text end, parent, closed. */
const COLUMNS = 7;

/**
 * The table as it is built: its columns of numbers are parts of one typed array that doubles when
 * full, rather than growing arrays of numbers. The table lives as long as the rescue does, so each
 * array it grew through was garbage and the last one was copied by the collector; one array rather
 * than seven, because a decoded copy of an embed is read 20,000 times over in an adversarial
 * article and a typed array of more than 64 bytes costs ten times one of less
 * (docs/adr/0011-rescue-reads-tokens-once.md).
 */
export class ElementTableBuilder {
  count = 0;
  readonly name: string[];
  readonly attrs: Array<readonly Attribute[] | null>;
  start!: Int32Array;
  tagEnd!: Int32Array;
  end!: Int32Array;
  textStart!: Int32Array;
  textEnd!: Int32Array;
  parent!: Int32Array;
  closed!: Int32Array;
  private capacity: number;
  private columns: Int32Array;

  /**
   * `sourceLength` sizes the columns. Prose opens about one element per 70 characters (bench
   * article, 2026-12), embed markup one per 16 or so: a short document (a decoded copy of an embed)
   * gets room for markup at once, an article room for prose. The two columns of values get room
   * for prose (at most 65,536: a longer array made so would be a dictionary) and grow.
   */
  constructor(sourceLength: number) {
    this.capacity = Math.max(8, Math.ceil(sourceLength / (sourceLength < 65_536 ? 16 : 64)));
    this.columns = new Int32Array(COLUMNS * this.capacity);
    this.view();
    this.name = new Array<string>(Math.min(Math.max(16, Math.ceil(sourceLength / 64)), 65_536));
    this.attrs = new Array<readonly Attribute[] | null>(this.name.length);
  }

  /** A new element, open (not closed) and ending at its start tag; its index. */
  add(name: string, start: number, tagEnd: number, parent: number, textAt: number, attrs: readonly Attribute[] | null): number {
    const i = this.count;
    if (i === this.capacity) this.grow();
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
    const old = this.columns;
    const size = this.capacity;
    this.capacity = size * 2;
    this.columns = new Int32Array(COLUMNS * this.capacity);
    for (let c = 0; c < COLUMNS; c += 1) this.columns.set(old.subarray(c * size, (c + 1) * size), c * this.capacity);
    this.view();
  }

  private view(): void {
    const n = this.capacity;
    const column = (c: number) => this.columns.subarray(c * n, (c + 1) * n);
    this.start = column(0);
    this.tagEnd = column(1);
    this.end = column(2);
    this.textStart = column(3);
    this.textEnd = column(4);
    this.parent = column(5);
    this.closed = column(6);
  }
}
