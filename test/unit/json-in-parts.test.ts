import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { jsonInParts } from '../../functions/http/json-in-parts.js';

function serving(value: Record<string, unknown>): Hono {
  return new Hono().get('/', (c) => jsonInParts(c, value));
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

  it('gives the event loop turns while a reader takes part after part', async () => {
    // 6 MB of characters JSON has to escape: some 12 MB of text written without a turn would
    // hold the loop for tens of milliseconds, as a reader pulls the next part at once.
    const value = { html: '"\n'.repeat(3_000_000), posts: Array.from({ length: 1_000 }, (_, i) => ({ id: `p${i}` })) };
    let turns = 0;
    let maxCpuMs = 0;
    let reading = true;
    let last = process.cpuUsage();
    const probe = (): void => {
      const used = process.cpuUsage(last);
      last = process.cpuUsage();
      maxCpuMs = Math.max(maxCpuMs, (used.user + used.system) / 1000);
      turns += 1;
      if (reading) setImmediate(probe);
    };
    setImmediate(probe);
    const text = await (await serving(value).request('/')).text();
    reading = false;
    expect(text).toBe(JSON.stringify(value));
    expect(turns).toBeGreaterThan(5);
    // CPU time rather than wall time, so that a loaded machine does not stretch it.
    expect(maxCpuMs).toBeLessThan(40);
  });
});
