import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postIdForShortcode } from '../../shared/post/post-id.js';
import { TestClock } from '../support/clock.js';
import { type Harness, startHarness } from '../support/harness.js';
import { postRecord } from '../support/records.js';

// The service's clock moves one second each time it is read: every check is strictly later than the one before.
const start = Date.parse('2026-12-01T00:00:00.000Z');

let h: Harness;
const shortcodes = Array.from({ length: 61 }, (_, i) => `CCoVeR${String(i).padStart(5, '0')}`);

beforeAll(async () => {
  h = await startHarness({}, new TestClock(new Date(start).toISOString()));
  // Seeded through the adapter, captured over the past day in this order; Instagram has none of them any more.
  for (const [i, shortcode] of shortcodes.entries()) {
    const at = new Date(start - (61 - i) * 60_000).toISOString();
    await h.deps.posts.create(
      postRecord({ id: postIdForShortcode(shortcode), shortcode, media: [], capturedAt: at, updatedAt: at, checkedAt: at }),
    );
    h.fake.setPages(shortcode, { kind: 'gone' });
  }
});
afterAll(async () => h?.stop());

function checkedIn(from: number): string[] {
  return h.fake.requests
    .slice(from)
    .filter((r) => r.path.endsWith('/embed/captioned/'))
    .map((r) => r.path.split('/')[2]!);
}

describe('re-checks reach every post', () => {
  it('61 posts, a batch of 2: all covered in 31 runs, oldest check first, none twice before all once', async () => {
    const runs: string[][] = [];
    for (let run = 0; run < 31; run += 1) {
      const before = h.fake.requests.length;
      const summary = await h.deps.service.recheckDue({ maxAgeMs: 0, limit: 2 });
      expect(summary.due).toBe(2);
      // The two checks of a run go in parallel: a run is a set.
      runs.push(checkedIn(before).sort());
    }
    const firstThirty = runs.slice(0, 30).flat();
    expect(new Set(firstThirty).size).toBe(60);
    // In capture order, since every seeded post was last checked when it was captured.
    expect(firstThirty.sort()).toEqual(shortcodes.slice(0, 60));
    // Run 31 takes the last post never checked and one checked longest ago (of the first run; which
    // of its two finished first is up to the network).
    expect(runs[30]).toContain(shortcodes[60]);
    expect(runs[30]!.filter((code) => code !== shortcodes[60]).every((code) => runs[0]!.includes(code))).toBe(true);
    expect(runs[30]).toHaveLength(2);
    expect(new Set(runs.flat()).size).toBe(61);
  });

  it('a post checked within the age limit is not due', async () => {
    const summary = await h.deps.service.recheckDue({ maxAgeMs: 24 * 3_600_000, limit: 10 });
    expect(summary).toMatchObject({ due: 0, checked: 0 });
  });

  it('hidden posts leave the queue and come back when restored', async () => {
    const id = postIdForShortcode(shortcodes[5]!);
    expect((await h.api('POST', `/api/posts/${id}/hide`, { reason: 'leaves the queue' })).status).toBe(200);
    const seen = new Set<string>();
    for (let run = 0; run < 31; run += 1) {
      const before = h.fake.requests.length;
      await h.deps.service.recheckDue({ maxAgeMs: 0, limit: 2 });
      for (const code of checkedIn(before)) seen.add(code);
    }
    expect(seen.has(shortcodes[5]!)).toBe(false);
    expect(seen.size).toBe(60);
    expect((await h.api('POST', `/api/posts/${id}/unhide`)).status).toBe(200);
    const before = h.fake.requests.length;
    // Restored with its old check time, it is the one checked longest ago.
    await h.deps.service.recheckDue({ maxAgeMs: 0, limit: 1 });
    expect(checkedIn(before)).toEqual([shortcodes[5]]);
  });
});
