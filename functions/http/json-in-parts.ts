import type { Context } from 'hono';

/** A part of the answer is about this many characters: its JSON text takes well under a millisecond. */
const PART = 128 * 1024;
/** After this long writing parts, the event loop gets a turn before the next one. */
const TURN_MS = 8;

/**
 * An answer of several megabytes (a rescue: its article and up to 1,000 entries) as JSON written
 * a part at a time, with turns of the event loop between parts, instead of one `JSON.stringify`
 * that holds the process for tens of milliseconds (docs/adr/0011-rescue-reads-tokens-once.md).
 * The same bytes as `c.json(value)`: top-level members in order, arrays an item at a time,
 * long strings a slice at a time. `clock` (milliseconds) is for tests that control time.
 */
export function jsonInParts(c: Context, value: Readonly<Record<string, unknown>>, clock: () => number = () => performance.now()): Response {
  const parts = partsOf(value);
  const encoder = new TextEncoder();
  // The reader asks for the next part as soon as one is written, without a turn of the event
  // loop in between: the time since the last turn is counted across parts, not per part. The
  // first part waits for a turn: the work that built the value ran in this turn already.
  let turnStarted = Number.NEGATIVE_INFINITY;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (clock() - turnStarted >= TURN_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        turnStarted = clock();
      }
      let text = '';
      for (let next = parts.next(); ; next = parts.next()) {
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += next.value;
        if (text.length >= PART) break;
      }
      controller.enqueue(encoder.encode(text));
    },
  });
  return c.body(body, 200, { 'Content-Type': 'application/json' });
}

function* partsOf(value: Readonly<Record<string, unknown>>): Generator<string> {
  let first = true;
  yield '{';
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === 'function') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(member)) {
      yield '[';
      for (let i = 0; i < member.length; i += 1) yield `${i > 0 ? ',' : ''}${JSON.stringify(member[i] ?? null)}`;
      yield ']';
    } else if (typeof member === 'string' && member.length > PART) {
      yield '"';
      for (let at = 0; at < member.length; ) {
        let end = Math.min(member.length, at + PART);
        // A surrogate pair is never cut in two.
        const last = member.charCodeAt(end - 1);
        if (end < member.length && last >= 0xd800 && last <= 0xdbff) end += 1;
        yield JSON.stringify(member.slice(at, end)).slice(1, -1);
        at = end;
      }
      yield '"';
    } else {
      yield JSON.stringify(member);
    }
  }
  yield '}';
}
