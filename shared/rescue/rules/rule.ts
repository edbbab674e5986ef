import type { DecodedCopy } from '../decode.js';
import type { Attribute, ScannedDocument } from '../document.js';
import type { EmbedReading, FoundEmbed, FoundForm } from '../types.js';
import type { Work } from '../work.js';

/**
 * What every rule reads: the scanned document, the run's clock value and work counter, how deep
 * in decoded copies it stands, the bound on entries, and a way to read a decoded copy with all
 * the rules again (docs/adr/0011-rescue-reads-tokens-once.md). Built per document; nothing in it
 * outlives the call.
 */
export interface RuleContext {
  readonly doc: ScannedDocument;
  readonly now: Date;
  readonly depth: number;
  readonly work: Work;
  readonly limit: number;
  /** Copies are followed no deeper than this. */
  readonly canDecode: boolean;
  /** Reads a decoded copy (HTML) with every rule: embeds in the copy's own offsets. */
  readCopy(text: string): Generator<void, FoundEmbed[]>;
  /** Reads a decoded copy that holds plain text, its line breaks kept (a string literal's prose). */
  readTextCopy(text: string): Generator<void, FoundEmbed[]>;
}

/** A rule: the embeds of one form it finds, given those found before it (which it must not overlap). */
export type Rule = (context: RuleContext, covered: readonly FoundEmbed[], horizon: number) => Generator<void, FoundEmbed[]>;

export const IGNORED = 'ignored' as FoundForm;

/** Work counted for each embed a rule considers: its record (URL, dates, content key) costs as much as this many tokens. */
export const EMBED_WORK = 32;

/** Counts `chars` characters examined at once (a pattern over a whole region) and yields when a quantum is due. */
export function* examined(work: Work, chars: number): Generator<void, void> {
  work.step(1 + (chars >> 6));
  if (work.due()) yield;
}

export function attr(attrs: readonly Attribute[] | null | undefined, name: string): string | undefined {
  if (!attrs) return undefined;
  for (let k = 0; k < attrs.length; k += 1) if ((attrs[k] as Attribute).name === name) return (attrs[k] as Attribute).value;
  return undefined;
}

export function emptyReading(): EmbedReading {
  return { permalink: null, name: null, handle: null, caption: null, datetime: null, dateText: null, embedVersion: null };
}

/** Embeds found in a decoded copy, moved back to the article: precisely through the offsets, else onto the container. */
export function mapBack(inner: FoundEmbed[], copy: DecodedCopy, containerStart: number, containerEnd: number): FoundEmbed[] {
  return inner.map((embed) => {
    if (!copy.offsets) return { ...embed, start: containerStart, end: containerEnd, encodings: [] };
    const start = copy.offsets[embed.start] ?? containerStart;
    const end = copy.offsets[embed.end] ?? containerEnd;
    return { ...embed, start, end, encodings: copy.encoding ? [...embed.encodings, copy.encoding] : embed.encodings };
  });
}
