import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRecheckEvent, RECHECK_EVENT } from '../../functions/api/recheck-event.js';
import type { PostJson } from '../../shared/post/post-json.js';
import type { RecheckSummary } from '../../shared/services/post-service.js';
import { type Harness, startHarness } from '../support/harness.js';
import type { FakePost } from '../support/instagram-pages.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const post = (shortcode: string): FakePost => ({
  shortcode,
  handle: `user.${shortcode.toLowerCase()}`,
  name: `User ${shortcode}`,
  caption: `caption of ${shortcode}`,
  items: [{ type: 'image', width: 640, height: 640, path: `/v/${shortcode}.jpg` }],
});

describe('re-checking originals', () => {
  it('asks Instagram again about posts not checked lately and marks the vanished ones removed', async () => {
    const ids: string[] = [];
    for (const code of ['CaAaAaAaAa1', 'CbBbBbBbBb2', 'CcCcCcCcCc3']) {
      h.fake.addPost(post(code));
      ids.push(((await (await h.api('POST', '/api/posts', { url: `https://www.instagram.com/p/${code}/` })).json()) as PostJson).id);
    }
    h.fake.setPages('CbBbBbBbBb2', { kind: 'gone' });

    // Captured moments ago on the service's clock: nothing is due after a day…
    const none = (await (await h.api('POST', '/api/recheck?maxAgeHours=24')).json()) as RecheckSummary;
    expect(none).toEqual({ due: 0, checked: 0, unchanged: 0, changed: 0, removed: 0, failed: 0 });
    // …and everything is, a day and an hour later.
    h.clock.advance(25 * 3_600_000);

    const before = h.fake.requests.length;
    const res = await h.api('POST', '/api/recheck?maxAgeHours=24&limit=2');
    expect(res.status).toBe(200);
    // Oldest first, two per run: the first two posts, one of which is gone.
    expect((await res.json()) as RecheckSummary).toEqual({ due: 2, checked: 2, unchanged: 1, changed: 0, removed: 1, failed: 0 });
    expect(h.fake.requests.slice(before).filter((r) => r.path.endsWith('/embed/captioned/'))).toHaveLength(2);

    const third = await h.deps.posts.get(ids[2]!);
    expect(third?.checkedAt).toBe(third?.capturedAt);
    const first = await h.deps.posts.get(ids[0]!);
    // Checked on the day the clock moved to, not the capture's.
    expect(Date.parse(first!.checkedAt!) - Date.parse(first!.capturedAt)).toBeGreaterThanOrEqual(25 * 3_600_000);
    const gone = (await (await h.api('GET', `/api/posts/${ids[1]}`)).json()) as PostJson;
    expect(gone.status).toBe('removed');
    expect(await (await h.app.request(`/embed/${ids[1]}`)).text()).toContain('Original removed');
    const live = (await (await h.api('GET', `/api/posts/${ids[0]}`)).json()) as PostJson;
    expect(live.status).toBe('live');
  });

  it('counts a post whose check fails, and leaves it as it was', async () => {
    const third = await h.deps.service.idFor('CcCcCcCcCc3');
    const before = await h.deps.posts.get(third);
    const embedBefore = await (await h.app.request(`/embed/${third}`)).text();
    expect(before?.status).toBe('live');

    h.fake.setPages('CcCcCcCcCc3', { kind: 'status', status: 500 });
    h.clock.advance(25 * 3_600_000);
    const summary = (await (await h.api('POST', '/api/recheck?maxAgeHours=24&limit=10')).json()) as RecheckSummary;
    // The removed post is asked about too (it may come back); it is still gone, so nothing changes.
    expect(summary).toEqual({ due: 3, checked: 2, unchanged: 2, changed: 0, removed: 0, failed: 1 });

    // Nothing about the failed post moved but its place in the queue (the check time, so one
    // failing post cannot hold the others back): not its status, version, content or embed.
    const after = await h.deps.posts.get(third);
    expect({ ...after, checkedAt: before?.checkedAt }).toEqual(before);
    expect(Date.parse(after!.checkedAt!)).toBeGreaterThan(Date.parse(before!.checkedAt!));
    expect(await (await h.app.request(`/embed/${third}`)).text()).toBe(embedBefore);
  });

  it('refuses a malformed request and recognises only the scheduled event', async () => {
    expect((await h.api('POST', '/api/recheck?limit=0')).status).toBe(400);
    expect(isRecheckEvent(RECHECK_EVENT)).toBe(true);
    expect(isRecheckEvent({ version: '2.0', rawPath: '/api/recheck' })).toBe(false);
    expect(isRecheckEvent(null)).toBe(false);
  });
});
