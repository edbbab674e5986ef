/**
 * `npm run bench` (re-check part): 10,000 archived posts, 1% of them edited on Instagram since.
 * Runs the re-check in batches until every post was checked once, and prints what it cost in
 * DynamoDB reads and writes and S3 PUTs, counted by an SDK middleware on the service's own
 * clients. Records are seeded through the table adapter (a capture each would take an hour).
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { postIdForShortcode } from '../../shared/post/post-id.js';
import { TestClock } from '../support/clock.js';
import { countCommands, READS, WRITES } from '../support/command-counter.js';
import { photo } from '../support/fake-instagram.js';
import { startHarness } from '../support/harness.js';
import { postRecord, storedImage } from '../support/records.js';
import { startStorageChild } from '../support/storage-child.js';
import { ms, row } from './stats.js';

const POSTS = Number(process.argv[2] ?? 10_000);
const CHANGED_EVERY = 100; // 1%
const BATCH = 100;
const IMAGE = '/v/recheck-bench.jpg';

const storage = await startStorageChild();
const start = Date.parse('2026-12-01T00:00:00.000Z');
const h = await startHarness(storage.env, new TestClock(new Date(start).toISOString(), 10));
try {
  const bytes = await photo(640, 640, IMAGE);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const media = [
    {
      ...storedImage(0, 1, { hash, original: { key: `media/${hash}/original.jpg`, contentType: 'image/jpeg', bytes: bytes.length } }),
      width: 640,
      height: 640,
      variants: [],
    },
  ];
  const shortcodes = Array.from({ length: POSTS }, (_, i) => `CBench${i.toString(36).padStart(5, '0')}`);

  let started = performance.now();
  const limit = pLimit(16);
  await Promise.all(
    shortcodes.map((shortcode, i) =>
      limit(async () => {
        const caption = `Bench caption number ${i}`;
        const at = new Date(start - (POSTS - i) * 1000).toISOString();
        await h.deps.posts.create(
          postRecord({
            id: postIdForShortcode(shortcode),
            shortcode,
            author: { handle: 'bench.user', name: 'Bench User' },
            caption,
            media,
            capturedAt: at,
            updatedAt: at,
            checkedAt: at,
          }),
        );
        h.fake.addPost({
          shortcode,
          handle: 'bench.user',
          name: 'Bench User',
          caption: i % CHANGED_EVERY === 0 ? `${caption}, edited on Instagram` : caption,
          items: [{ type: 'image', width: 640, height: 640, path: IMAGE }],
        });
      }),
    ),
  );
  const seeding = performance.now() - started;

  const counts = countCommands(h.clients);
  const s3Puts = counts.s3Puts;

  const checked = new Set<string>();
  let runs = 0;
  let repeats = 0;
  const totals = { unchanged: 0, changed: 0, removed: 0, failed: 0 };
  started = performance.now();
  while (checked.size < POSTS && runs < POSTS) {
    const before = h.fake.requests.length;
    const summary = await h.deps.service.recheckDue({ maxAgeMs: 0, limit: BATCH });
    runs += 1;
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += summary[key];
    for (const r of h.fake.requests.slice(before)) {
      if (!r.path.endsWith('/embed/captioned/')) continue;
      const code = r.path.split('/')[2]!;
      if (checked.has(code)) repeats += 1;
      checked.add(code);
    }
    h.fake.requests.length = 0;
  }
  const elapsed = performance.now() - started;
  const reads = counts.total('dynamo', READS.dynamo);
  const writes = counts.total('dynamo', WRITES.dynamo);

  console.log(
    `postkeep re-check benchmark: ${POSTS} archived posts, 1 in ${CHANGED_EVERY} edited on Instagram, batch ${BATCH}, storage in its own process`,
  );
  console.log(row('seeding the records through the adapter', ms(seeding)));
  console.log(row('runs until every post was checked once', `${runs}`, `ceil(${POSTS} / ${BATCH}) = ${Math.ceil(POSTS / BATCH)}`));
  console.log(row('posts checked twice before all were checked once', `${repeats}`, 'goal 0'));
  console.log(
    row(
      'outcomes: unchanged / changed / removed / failed',
      `${totals.unchanged} / ${totals.changed} / ${totals.removed} / ${totals.failed}`,
    ),
  );
  console.log(row('DynamoDB reads (Get, Query)', `${reads}`, `${(reads / POSTS).toFixed(2)} per post`));
  console.log(row('DynamoDB writes (Put, Update)', `${writes}`, `${(writes / POSTS).toFixed(2)} per post`));
  console.log(row('  of which UpdateItem (check time, journal cleared)', `${counts.total('dynamo', ['UpdateItem'])}`));
  console.log(row('  of which PutItem (records, events, versions)', `${counts.total('dynamo', ['PutItem'])}`));
  console.log(
    row(
      'S3 PUTs',
      `${counts.s3.PutObjectCommand ?? 0}`,
      Object.entries(s3Puts)
        .map(([p, n]) => `${p}: ${n}`)
        .join(', '),
    ),
  );
  console.log(row('S3 PUTs of media (re-encoded or re-uploaded images)', `${s3Puts.media ?? 0}`, 'goal 0: the images did not change'));
  console.log(row('re-check time, all runs', ms(elapsed), `${(elapsed / POSTS).toFixed(1)} ms per post`));
} finally {
  await h.stop();
  storage.stop();
}
