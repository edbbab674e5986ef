import { DecodingMode, EntityReader } from './entity-reader.js';

/** Where the parts go: the readers of text and of attribute values in shared/rescue/document.ts. */
export interface PartReader {
  text(start: number, end: number): void;
  textReference(codepoint: number, start: number, end: number): void;
  value(start: number, end: number): void;
  valueReference(codepoint: number): void;
}

/** How the Tokenizer reads text at the moment: references decoded, not decoded (script, style…), or as RCDATA (title, textarea). */
export type TextMode = 'decoded' | 'raw' | 'rcdata';

const TEXT = 1;
const VALUE = 2;

/**
 * htmlparser2's Tokenizer runs without decoding references, so that it skips through text and
 * attribute values to the next `<` or quote instead of stepping through every character
 * (docs/adr/0011-rescue-reads-tokens-once.md). This turns the parts it reports into the parts and
 * references the decoding Tokenizer reports, in the same order over the same source ranges: the
 * text before a reference, the reference, the text after it. One per document; nothing shared.
 */
export class ReferenceParts {
  /** Made at the first `&`: most decoded copies hold none. */
  private referencesMade: EntityReader | null = null;
  /** The next `&` at or after the position last asked about (source.length: none). */
  private ampersand = -1;
  /** Everything before this is read (a reference may run on past the part it began in). */
  private decodedTo = 0;
  private mode: TextMode = 'decoded';
  private rcdataEnd = '';
  /** RCDATA: how much of `rcdataEnd` the characters before `rcdataAt` match, as the Tokenizer counts it. */
  private rcdataAt = -1;
  // A part that ends at a chunk boundary waits: when a reference was still being decoded there,
  // the decoding Tokenizer reports it together with the part after the boundary.
  private partKind = 0;
  private partFrom = 0;
  private partTo = 0;
  private crossedFrom = 0;
  private crossedTo = 0;

  constructor(
    private readonly source: string,
    private readonly chunk: number,
    private readonly reader: PartReader,
  ) {}

  private get references(): EntityReader {
    this.referencesMade ??= new EntityReader(this.source, this.chunk);
    return this.referencesMade;
  }

  /** An element's start tag ended: the text after it is read in `mode` (`endTag`, "</title", ends RCDATA). */
  enter(mode: TextMode, endTag = ''): void {
    this.mode = mode;
    this.rcdataEnd = endTag;
  }

  /** An end tag: text is read as text again. */
  leave(): void {
    this.mode = 'decoded';
  }

  /** A text token of the non-decoding Tokenizer. */
  text(start: number, end: number): void {
    // (At the end of an article cut inside an end tag the Tokenizer reports text from -1 on, undecoded.)
    if (this.mode === 'raw' || start < 0) {
      this.flush();
      this.reader.text(start, end);
    } else if (this.plain(start, end)) this.reader.text(start, end);
    else this.decode(TEXT, start, end);
  }

  /** A part of an attribute value of the non-decoding Tokenizer. */
  value(start: number, end: number): void {
    if (this.plain(start, end)) this.reader.value(start, end);
    else this.decode(VALUE, start, end);
  }

  /** Hands on a part that waited: called before any other token, and at the end. */
  flush(): void {
    const kind = this.partKind;
    if (kind === 0) return;
    this.partKind = 0;
    if (kind === TEXT) this.reader.text(this.partFrom, this.partTo);
    else this.reader.value(this.partFrom, this.partTo);
  }

  /** Most parts: no reference in them, none running into them, nothing waiting, not at a chunk boundary. */
  private plain(start: number, end: number): boolean {
    return this.partKind === 0 && start >= this.decodedTo && this.nextAmpersand(start) >= end && end % this.chunk !== 0;
  }

  private nextAmpersand(from: number): number {
    if (this.ampersand < from) {
      this.ampersand = this.source.indexOf('&', from);
      if (this.ampersand < 0) this.ampersand = this.source.length;
    }
    return this.ampersand;
  }

  private decode(kind: number, start: number, end: number): void {
    const references = this.references;
    const mode = kind === TEXT ? DecodingMode.Legacy : DecodingMode.Attribute;
    let from = Math.max(start, this.decodedTo);
    for (let at = this.nextAmpersand(from); at < end; ) {
      let length = 0;
      if (kind !== TEXT || this.mode !== 'rcdata' || this.rcdataReference(at, start)) {
        length = references.read(at, mode);
        if (references.crossedTo > 0) {
          this.crossedFrom = at;
          this.crossedTo = references.crossedTo;
        }
      }
      if (length === 0) {
        // A value cut short by the end of the article: the Tokenizer drops the tag unread.
        if (kind === VALUE && references.unfinished) return;
        at = this.nextAmpersand(at + 1);
        continue;
      }
      this.part(kind, from, at);
      this.flush();
      const points = references.points;
      for (let k = 0; k < points.length; k += 1) {
        if (kind === TEXT) this.reader.textReference(points[k] as number, at, at + length);
        else this.reader.valueReference(points[k] as number);
      }
      from = at + length;
      this.decodedTo = from;
      this.rcdataAt = from;
      at = this.nextAmpersand(from);
    }
    this.part(kind, from, end);
  }

  private part(kind: number, from: number, to: number): void {
    if (to <= from) return;
    if (this.partKind === kind && this.partTo === from && from > this.crossedFrom && from <= this.crossedTo) this.partTo = to;
    else {
      this.flush();
      this.partKind = kind;
      this.partFrom = from;
      this.partTo = to;
    }
    if (to % this.chunk !== 0) this.flush();
  }

  /** The Tokenizer starts a reference at this `&` of RCDATA unless it stands where the end tag may begin. */
  private rcdataReference(at: number, partStart: number): boolean {
    const { source, rcdataEnd: endTag } = this;
    let k = Math.max(partStart, this.rcdataAt);
    let matched = 0;
    for (; k < at; k += 1) {
      const c = source.charCodeAt(k);
      if (matched === endTag.length) matched = 0;
      if ((c | 0x20) === endTag.charCodeAt(matched)) matched += 1;
      else if (matched !== 0) matched = c === 60 ? 1 : 0;
    }
    this.rcdataAt = at + 1;
    return matched === 0 || matched === endTag.length;
  }
}
