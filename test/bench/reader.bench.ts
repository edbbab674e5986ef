/**
 * `npm run bench:reader`: what one embed costs the reader's browser, measured in Chromium against
 * the service served on loopback, beside the official Instagram embed's published cost. Each run
 * is a fresh browser context (cold cache, no cookies). Prints figures; asserts nothing.
 */
import { brotliCompressSync, constants } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { addTextOnly, archive, CAROUSEL, PHOTO, REEL } from '../browser/posts.js';
import { launchBrowser, layoutShift } from '../support/browser.js';
import { startServedHarness } from '../support/serve-app.js';
import { median } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WIDTH = 540;

interface Run {
  readonly requests: number;
  readonly mediaBytes: number;
  readonly htmlBytes: number;
  readonly scriptBytes: number;
  readonly cookies: number;
  readonly cls: number;
  readonly loadMs: number;
  readonly scriptMs: number;
}

async function measure(browser: Browser, url: string, base: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 900 } });
  const page = await context.newPage();
  const requests: { url: string; size: () => Promise<number> }[] = [];
  page.on('requestfinished', (request) => {
    // Chromium's own /favicon.ico probe happens only for a top-level tab, never in an iframe.
    if (request.url() === `${base}/favicon.ico`) return;
    requests.push({ url: request.url(), size: async () => (await request.sizes()).responseBodySize });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  const sizes = await Promise.all(requests.map(async (r) => ({ url: r.url, bytes: await r.size() })));
  const facts = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      loadMs: nav.loadEventEnd - nav.startTime,
      scriptBytes: [...document.scripts].reduce((sum, s) => sum + new TextEncoder().encode(s.textContent ?? '').length, 0),
      externalScripts: document.querySelectorAll('script[src]').length,
    };
  });
  if (facts.externalScripts > 0) throw new Error(`${url} loads script files`);
  const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const scriptSeconds = metrics.metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
  const html = sizes.find((s) => s.url === url);
  const run: Run = {
    requests: sizes.length,
    mediaBytes: sizes.filter((s) => s.url !== url).reduce((sum, s) => sum + s.bytes, 0),
    htmlBytes: html?.bytes ?? 0,
    scriptBytes: facts.scriptBytes,
    cookies: (await context.cookies()).length,
    cls: await layoutShift(page),
    loadMs: facts.loadMs,
    scriptMs: scriptSeconds * 1000,
  };
  await context.close();
  return run;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const served = await startServedHarness();
const browser = await launchBrowser();
try {
  const { h, baseUrl } = served;
  const photo = await archive(h, PHOTO);
  const carousel = await archive(h, CAROUSEL);
  const reel = await archive(h, REEL, `https://www.instagram.com/reel/${REEL.shortcode}/`);
  const textOnly = await addTextOnly(h, baseUrl, photo.id);
  const cases = [
    { label: 'photo (1080×1350)', id: photo.id },
    { label: 'carousel (3 items, 1 video)', id: carousel.id },
    { label: 'reel (video poster)', id: reel.id },
    { label: 'text-only card', id: textOnly.id },
  ];

  const rows: Record<string, Record<string, string>> = {};
  for (const c of cases) {
    const url = `${baseUrl}/embed/${c.id}`;
    await measure(browser, url, baseUrl); // warm-up: server caches, Chromium start-up
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await measure(browser, url, baseUrl));
    const html = Buffer.from(await (await fetch(url)).arrayBuffer());
    const brotli = brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const oembed = (await (await fetch(`${baseUrl}/oembed?url=${encodeURIComponent(url)}`)).json()) as { height: number | null };
    const first = runs[0]!;
    rows[c.label] = {
      requests: String(first.requests),
      'transferred (HTML br + media)': kb(brotli + first.mediaBytes),
      'HTML raw / brotli': `${kb(first.htmlBytes)} / ${kb(brotli)}`,
      'script bytes': `${first.scriptBytes} B inline, 0 files`,
      'main-thread script': `${median(runs.map((r) => r.scriptMs)).toFixed(1)} ms`,
      cookies: String(Math.max(...runs.map((r) => r.cookies))),
      'layout shift': String(Math.max(...runs.map((r) => r.cls))),
      [`load (median of ${RUNS})`]: `${median(runs.map((r) => r.loadMs)).toFixed(0)} ms`,
      'oEmbed height': String(oembed.height),
    };
  }
  rows['Instagram official embed (published)'] = {
    requests: 'embed.js + iframe + Meta CDN assets',
    'transferred (HTML br + media)': '—',
    'HTML raw / brotli': '—',
    'script bytes': '> 100 KB compressed',
    'main-thread script': '1,429 ms avg (third-party-web 2026-03, 54,666 pages)',
    cookies: 'Meta cookies set',
    'layout shift': 'height unknown until embed.js runs',
    [`load (median of ${RUNS})`]: '—',
    'oEmbed height': 'null',
  };

  console.log(`\nReader cost of one embed at ${WIDTH} px, Chromium ${browser.version()}, ${RUNS} cold runs each\n`);
  const columns = Object.keys(rows[cases[0]!.label]!);
  const labels = Object.keys(rows);
  const widths = [
    Math.max(...columns.map((c) => c.length)),
    ...labels.map((l) => Math.max(l.length, ...columns.map((c) => rows[l]![c]!.length))),
  ];
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(['', ...labels]));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const column of columns) console.log(line([column, ...labels.map((l) => rows[l]![column]!)]));
  console.log(
    '\nMedia are served uncompressed-by-transport (already AVIF/WebP/JPEG); the HTML is shown raw and as brotli\n' +
      '(what CloudFront sends). "main-thread script" is Chromium\'s ScriptDuration for the whole page load.',
  );
} finally {
  await browser.close();
  await served.close();
}
