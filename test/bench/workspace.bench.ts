/**
 * `npm run bench` (workspace): first paint of the library with 10,000 archived posts, searches
 * and filters through the index, and each page's own script and style size compressed. The
 * posts are written through the table adapter and the search index, as captures leave them; the
 * storage servers run in a process of their own, as they are remote in AWS. Prints figures.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { PostRecord } from '../../shared/post/post.js';
import { launchBrowser } from '../support/browser.js';
import { API_KEY } from '../support/harness.js';
import { postRecord, storedImage } from '../support/records.js';
import { startServedHarness } from '../support/serve-app.js';
import { startStorageChild } from '../support/storage-child.js';
import { kb, median, ms, row } from './stats.js';

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const RUNS = 9;
const HANDLES = ['city.desk', 'ana.rivera', 'ben_okafor', 'chloe.dubois', 'dmitri.k', 'harbour.watch', 'nightly.news', 'studio.eleven'];
const WORDS = 'harbour sunrise market protest stadium election flood concert festival bridge council storm parade vote'.split(' ');

function record(i: number): PostRecord {
  const handle = HANDLES[i % HANDLES.length]!;
  return postRecord({
    id: createHash('sha256').update(`bench:${i}`).digest('hex').slice(0, 20),
    shortcode: `Bn${i.toString(36).padStart(9, '0')}`,
    author: { handle, name: handle.replace(/[._]/g, ' ') },
    caption: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} at dawn, day ${i % 365} #news`,
    status: i % 20 === 0 ? 'removed' : 'live',
    removedAt: i % 20 === 0 ? new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() : null,
    capturedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
    media: [storedImage(i)],
  });
}

const storage = await startStorageChild();
const served = await startServedHarness(storage.env);
const browser = await launchBrowser();
try {
  const seedStart = performance.now();
  const write = pLimit(8);
  const CHUNK = 25;
  await Promise.all(
    Array.from({ length: Math.ceil(POSTS / CHUNK) }, (_, c) =>
      write(async () => {
        const posts = Array.from({ length: Math.min(CHUNK, POSTS - c * CHUNK) }, (_, j) => record(c * CHUNK + j));
        for (const post of posts) await served.h.deps.posts.create(post);
        await served.h.deps.search.indexNew(posts);
      }),
    ),
  );
  console.log(row(`seeded ${POSTS} posts (record + index) through the adapters`, ms(performance.now() - seedStart)));

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Thumbnails of seeded records point at objects never uploaded; paint is what is measured.
  await page.route('**/media/**', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(`${served.baseUrl}/app`);
  await page.getByLabel('API key').fill(API_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  const paint = async (path: string) => {
    const firstPaint: number[] = [];
    const server: number[] = [];
    let cards = 0;
    for (let i = 0; i < RUNS; i += 1) {
      await page.goto(`${served.baseUrl}${path}`, { waitUntil: 'load' });
      // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
      // The paint entry can arrive after `load` on a busy machine, so it is awaited (buffered).
      const timing = (await page.evaluate(`new Promise((resolve) => {
        const nav = performance.getEntriesByType('navigation')[0];
        const answer = (fcp) => resolve({ fcp, ttfb: nav.responseStart - nav.requestStart, cards: document.querySelectorAll('.card').length });
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) answer(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => answer(Number.NaN), 5000);
      })`)) as { fcp: number; ttfb: number; cards: number };
      if (!Number.isNaN(timing.fcp)) firstPaint.push(timing.fcp);
      server.push(timing.ttfb);
      cards = timing.cards;
    }
    return { fcp: firstPaint.length > 0 ? median(firstPaint) : Number.NaN, ttfb: median(server), cards };
  };

  console.log(`\nworkspace, ${POSTS} posts, median of ${RUNS} page loads in Chromium`);
  for (const [label, path] of [
    ['library, newest first', '/app/library'],
    ['library, search "harbour" (caption word)', '/app/library?q=harbour'],
    ['library, search "ana" (handle prefix)', '/app/library?q=ana'],
    ['library, search "sunrise dawn" (two words)', '/app/library?q=sunrise+dawn'],
    ['library, status removed', '/app/library?status=removed'],
    ['library, search a shortcode', `/app/library?q=${record(4321).shortcode}`],
  ] as const) {
    const result = await paint(path);
    console.log(row(`${label}: first contentful paint`, ms(result.fcp), result.fcp < 300 ? 'goal < 300 ms ✓' : 'goal < 300 ms ✗'));
    console.log(row(`  server answer (time to first byte), ${result.cards} cards`, ms(result.ttfb)));
  }

  const assets = await served.h.deps.workspaceAssets();
  const common = assets.scripts.common.compressedBytes;
  console.log('\nscript and style per page, gzip -9');
  for (const [pageName, own] of [
    ['archive', assets.scripts.archive.compressedBytes],
    ['rescue', assets.scripts.rescue.compressedBytes],
    ['library, post, activity, people', 0],
  ] as const) {
    console.log(
      row(`${pageName}: own script (common + page)`, kb(common + own), common + own < 50 * 1024 ? 'goal < 50 KB ✓' : 'goal < 50 KB ✗'),
    );
  }
  console.log(row('sign-in: script', kb(0)));
  console.log(row('stylesheet (every page)', kb(assets.style.compressedBytes)));
  await context.close();
} finally {
  await browser.close();
  await served.close();
  storage.stop();
}
