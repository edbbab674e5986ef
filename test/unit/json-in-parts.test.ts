import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { jsonInParts } from '../../functions/http/json-in-parts.js';

function serving(value: Record<string, unknown>, clock?: () => number): Hono {
  return new Hono().get('/', (c) => jsonInParts(c, value, clock));
}

describe('a large JSON answer written a part at a time', () => {
  it('is the same text as JSON.stringify, whatever is cut where', async () => {
    // An astral character on every side of the 128 K boundary, quotes, control characters and
    // lone members that JSON leaves out.
    const emoji = '😀';
    const long = `${'a'.repeat(128 * 1024 - 1)}${emoji}"\\\n\u0001${'é'.repeat(200_000)}${emoji.repeat(70_000)}`;
    const value = {
      posts: [{ id: 'p1', caption: 'x\ny' }, null, { id: 'p2', nested: [1, 2, { deep: '"' }] }],
      html: long,
      short: 'ok',
      skipped: undefined,
      truncated: false,
      stoppedAt: null,
    };
    const res = await serving(value).request('/');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe(JSON.stringify(value));
  });

  it('gives the event loop a turn once 8 ms went by, counted across parts', async () => {
    // A reader pulls the next part as soon as one is written, with no turn in between: a budget
    // counted per part would never run out. Here every reading of the clock is 3 ms later.
    let now = 0;
    const clock = (): number => (now += 3);
    const value = { html: 'x'.repeat(40 * 128 * 1024) };
    let partsSinceTurn = 0;
    let mostPartsBetweenTurns = 0;
    let turns = 0;
    let reading = true;
    const probe = (): void => {
      turns += 1;
      partsSinceTurn = 0;
      if (reading) setImmediate(probe);
    };
    setImmediate(probe);
    const reader = (await serving(value, clock).request('/')).body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      chunks.push(part.value);
      partsSinceTurn += 1;
      mostPartsBetweenTurns = Math.max(mostPartsBetweenTurns, partsSinceTurn);
    }
    reading = false;
    expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON.stringify(value));
    expect(chunks.length).toBeGreaterThan(40);
    // Two or three parts a turn (6 ms of clock each way), never the whole answer in one.
    expect(mostPartsBetweenTurns).toBeLessThanOrEqual(4);
    expect(turns).toBeGreaterThan(10);
  });
});
