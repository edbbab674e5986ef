import { decodeHTML } from 'entities';
import type { Encoding } from './encoding.js';
import { runToEnd, type Work } from './work.js';

/**
 * Decoded copies of encoded markup, each with a map from decoded index to source index, so that
 * rules read the copy and a replacement rewrites the original bytes. `encoding` says how the
 * replacement HTML is encoded to stay valid where the copy stands (null: as it is).
 */
export interface DecodedCopy {
  readonly text: string;
  /** offsets[i] = source index of decoded character i; offsets[text.length] = source end. Null: the copy maps to its container only. */
  readonly offsets: Int32Array | null;
  readonly encoding: Encoding | null;
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

/** HTML entities (markup escaped once more than it should be: consent managers, corpus 35). */
export function decodeEntitiesCopy(source: string, from: number, to: number): DecodedCopy {
  return runToEnd(decodeEntitiesInSteps(source, from, to, null));
}

/** Parts are joined this many at a time, so that the copy of a 5 MB run is never one join of a million parts. */
const JOIN_EVERY = 4096;

/**
 * The same, yielding every few thousand entities when `work` is given, so that a 5 MB run of
 * entities never holds the event loop (docs/adr/0011-rescue-reads-tokens-once.md).
 */
export function* decodeEntitiesInSteps(source: string, from: number, to: number, work: Work | null): Generator<void, DecodedCopy> {
  let parts: string[] = [];
  const joined: string[] = [];
  // A decoded copy is never longer than its source: entities only shrink.
  const offsets = new Int32Array(to - from + 1);
  let n = 0;
  let cursor = from;
  const push = (value: string, s: number, e: number) => {
    parts.push(value);
    if (parts.length >= JOIN_EVERY) {
      joined.push(parts.join(''));
      parts = [];
    }
    if (value.length === e - s) for (let k = 0; k < value.length; k += 1) offsets[n++] = s + k;
    else for (let k = 0; k < value.length; k += 1) offsets[n++] = k === 0 ? s : e;
  };
  const region = source.slice(from, to);
  // A pattern of its own: this reader yields, and another rescue may run meanwhile.
  const entity = new RegExp(ENTITY.source, 'g');
  for (let m = entity.exec(region); m; m = entity.exec(region)) {
    const s = from + m.index;
    const e = s + m[0].length;
    const decoded = decodeHTML(m[0]);
    if (decoded === m[0]) continue;
    push(source.slice(cursor, s), cursor, s);
    push(decoded, s, e);
    cursor = e;
    if (work) {
      work.step();
      if (work.due()) yield;
    }
  }
  push(source.slice(cursor, to), cursor, to);
  offsets[n++] = to;
  joined.push(parts.join(''));
  return {
    text: joined.join(''),
    offsets: offsets.subarray(0, n),
    encoding: { kind: 'entities' },
  };
}

/** At most this much of a string literal is read (an article is 5 MB at most; an embed is under 50 KB). */
const LITERAL_REACH = 200_000;

/**
 * A JSON, JavaScript or SQL-dump string literal from `from` on: `\"`, `\'`, `\\`, `\/`, `\n`,
 * `\r`, `\t`, `\uXXXX`, `\xXX`. It ends at an unescaped `"`, or at an unescaped `'` that is not
 * an apostrophe between letters (JSON keeps apostrophes raw; SQL dumps and JS escape them).
 * `joined`: markup split into pieces joined with `+` or `.` is read on across the joins.
 * `quote`: the literal's own quote, when known; the other quote is then text (markup written with
 * `'` attributes inside a `"` literal, web/drupal-formatter-it.php).
 */
export function decodeBackslashCopy(source: string, from: number, joined = false, quote?: '"' | "'"): DecodedCopy {
  const parts: string[] = [];
  const limit = Math.min(source.length, from + LITERAL_REACH);
  // Sized to what is read, not to the reach: a file of many short literals would otherwise
  // allocate the reach's 800 KB for each (adversarial "string pieces joined over lines").
  const most = limit - from + 1;
  let offsets = new Int32Array(Math.min(most, 256));
  const room = (extra: number) => {
    if (n + extra <= offsets.length) return;
    const grown = new Int32Array(Math.min(most, Math.max(offsets.length * 2, n + extra)));
    grown.set(offsets.subarray(0, n));
    offsets = grown;
  };
  let n = 0;
  const seen = { single: false, slash: false, unicode: false, newline: false };
  let i = from;
  let run = from;
  const flush = (to: number) => {
    if (to > run) {
      parts.push(source.slice(run, to));
      room(to - run);
      for (let k = run; k < to; k += 1) offsets[n++] = k;
    }
  };
  // Only a backslash or a quote changes anything: the characters between are skipped in one search.
  const special = /[\\"']/g;
  while (i < limit) {
    special.lastIndex = i;
    const found = special.exec(source);
    if (!found || found.index >= limit) {
      i = limit;
      break;
    }
    i = found.index;
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      let value: string | null = null;
      let length = 2;
      if (next === '"' || next === "'" || next === '\\' || next === '/') {
        value = next;
        if (next === "'") seen.single = true;
        if (next === '/') seen.slash = true;
      } else if (next === 'n' || next === 'r' || next === 't') {
        value = next === 'n' ? '\n' : next === 'r' ? '\r' : '\t';
        seen.newline = true;
      } else if (next === 'u' && hexDigits(source, i + 2, 4)) {
        value = String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16));
        length = 6;
        seen.unicode = true;
      } else if (next === 'x' && hexDigits(source, i + 2, 2)) {
        value = String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 4), 16));
        length = 4;
        seen.unicode = true;
      }
      if (value !== null) {
        flush(i);
        parts.push(value);
        room(1);
        offsets[n++] = i;
        i += length;
        run = i;
        continue;
      }
      i += 1;
      continue;
    }
    const closing = quote ? c === quote : c === '"' || (c === "'" && !(isLetter(source[i - 1]) && isLetter(source[i + 1])));
    if (closing && c !== undefined) {
      // Source code splits long markup into pieces joined with `+` (JS, Java, C#) or `.` (PHP):
      // the next piece continues the same text (web/tvazteca-grandm-es.java, 2026-12).
      const next = joined ? continuedPiece(source, i, c, limit) : -1;
      if (next < 0) break;
      flush(i);
      i = next;
      run = next;
      continue;
    }
    i += 1;
  }
  flush(i);
  room(1);
  offsets[n++] = i;
  return {
    text: parts.join(''),
    offsets: offsets.subarray(0, n),
    encoding: { kind: 'literal', single: seen.single, slash: seen.slash, unicode: seen.unicode },
  };
}

/** At most this many spaces, tabs and line breaks around a joining operator. */
const JOIN_REACH = 200;

/**
 * After the closing `quote` at `at`: where the next piece's text starts when a `+` or `.` and the
 * same quote follow (with only whitespace around the operator), else -1.
 */
function continuedPiece(source: string, at: number, quote: string, limit: number): number {
  let j = skipSpace(source, at + 1, limit);
  const op = source[j];
  if (op !== '+' && op !== '.') return -1;
  j = skipSpace(source, j + 1, limit);
  return source[j] === quote ? j + 1 : -1;
}

function skipSpace(source: string, from: number, limit: number): number {
  const end = Math.min(limit, from + JOIN_REACH);
  let j = from;
  while (j < end && (source[j] === ' ' || source[j] === '\t' || source[j] === '\n' || source[j] === '\r')) j += 1;
  return j;
}

/** `count` hexadecimal digits at `at`, compared in place (one per escape of a 200 KB literal). */
function hexDigits(source: string, at: number, count: number): boolean {
  if (at + count > source.length) return false;
  for (let k = at; k < at + count; k += 1) {
    const c = source.charCodeAt(k);
    const letter = c | 32;
    if (!((c >= 48 && c <= 57) || (letter >= 97 && letter <= 102 && c >= 65))) return false;
  }
  return true;
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /\p{L}/u.test(c);
}

/** Markup inside a doc comment: the ` * ` at each line start is not part of it (corpus 13's source, 2026-11). */
export function decodeCommentPrefixCopy(source: string, from: number, to: number): DecodedCopy {
  const parts: string[] = [];
  const offsets = new Int32Array(to - from + 1);
  let n = 0;
  const prefix = /\n[ \t]*(?:\*(?!\/)|\/\/|#)[ \t]?/g;
  const region = source.slice(from, to);
  let cursor = 0;
  const push = (a: number, b: number) => {
    parts.push(region.slice(a, b));
    for (let k = a; k < b; k += 1) offsets[n++] = from + k;
  };
  for (let m = prefix.exec(region); m; m = prefix.exec(region)) {
    push(cursor, m.index + 1);
    cursor = m.index + m[0].length;
  }
  push(cursor, region.length);
  offsets[n++] = to;
  return { text: parts.join(''), offsets: offsets.subarray(0, n), encoding: null };
}

const BASE64 = /^[A-Za-z0-9+/=\s]{24,}$/;

/** Base64 of UTF-8, as cookie blockers store the blocked HTML (Borlabs Cookie, corpus 36). Maps to its container. */
export function decodeBase64Copy(content: string): DecodedCopy | null {
  if (content.length > 8_000_000 || !BASE64.test(content)) return null;
  try {
    const binary = atob(content.replace(/\s+/g, ''));
    // A plain loop: Uint8Array.from with a mapping function was the slowest line of a rescue (2026-12).
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, offsets: null, encoding: null };
  } catch {
    return null;
  }
}
