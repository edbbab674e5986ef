import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postTitle } from '../../functions/app/pages/components.js';
import { renderPostPage } from '../../functions/app/pages/post.js';
import type { PostRecord } from '../../shared/post/post.js';
import { toPostJson } from '../../shared/post/post-json.js';
import { launchBrowser, type PageLog, watchPage } from '../support/browser.js';
import { readBlns } from '../support/fixtures.js';
import { API_KEY } from '../support/harness.js';
import { postRecord } from '../support/records.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';

/**
 * The Big List of Naughty Strings as captions and display names in the workspace: on the library
 * and on each post page every string shows as the same text and none runs. Records are written
 * through the table adapter, as a capture would leave them.
 */
const BLNS = readBlns();
const PWN = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  "'><iframe srcdoc='<script>parent.__pwned=1</script>'>",
  '</td></tr></table><img src=x onerror=window.__pwned=1>',
  '</textarea><img src=x onerror=window.__pwned=1>',
  'javascript:window.__pwned=1',
];
const STRINGS = [...BLNS, ...PWN];
const MARKUP = /[<>&]|javascript|on\w+\s*=|script/i;
const HANDLE = 'blns_probe';

let served: ServedHarness;
let browser: Browser;
let base = '';
const records: PostRecord[] = [];

/** What survives the trip through HTML as text: the parser turns CR and CRLF into LF. */
const asParsed = (text: string) => text.replace(/\r\n?/g, '\n');

beforeAll(async () => {
  [served, browser] = await Promise.all([startServedHarness(), launchBrowser()]);
  base = served.baseUrl;
  const write = pLimit(16);
  STRINGS.forEach((text, i) => {
    records.push(
      postRecord({
        id: createHash('sha256').update(`blns:${i}`).digest('hex').slice(0, 20),
        shortcode: null,
        kind: null,
        caption: text,
        author: { handle: HANDLE, name: text },
        capturedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
        media: [],
      }),
    );
  });
  await Promise.all(records.map((record) => write(() => served.h.deps.posts.create(record))));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function signedInPage(): Promise<{ page: Page; log: PageLog }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const log = watchPage(page);
  // The cards are the embed pages' own concern (blns.browser.test.ts); here only the workspace's text.
  await page.route('**/embed/**', (route) => route.fulfill({ status: 204, body: '' }));
  await page.goto(`${base}/app`);
  await page.getByLabel('API key').fill(API_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { page, log };
}

interface Seen {
  readonly pwned: unknown;
  readonly scripts: number;
  readonly handlers: string[];
}
const probe = (page: Page): Promise<Seen> =>
  page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    scripts: document.scripts.length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`),
    ),
  }));

describe(`${STRINGS.length} naughty strings as captions and names in the workspace`, () => {
  it('show as text on the library, newest first, and run nothing', async () => {
    expect(BLNS).toHaveLength(515);
    const { page, log } = await signedInPage();
    const titles: string[] = [];
    const captions: string[] = [];
    let url: string | null = `${base}/app/library?limit=100`;
    const problems: string[] = [];
    while (url) {
      await page.goto(url);
      const seen = await probe(page);
      if (seen.pwned !== undefined) problems.push(`__pwned on ${url}`);
      if (seen.scripts !== 1) problems.push(`${seen.scripts} scripts on ${url}`);
      if (seen.handlers.length > 0) problems.push(`handlers ${seen.handlers.join(' ')}`);
      titles.push(...(await page.locator('.card a.title').allTextContents()));
      captions.push(
        ...(await page.locator('.card').evaluateAll((cards) => cards.map((card) => card.querySelector('.cap')?.textContent ?? ''))),
      );
      const next = page.getByRole('link', { name: 'Older posts' });
      url = (await next.count()) > 0 ? `${base}${await next.getAttribute('href')}` : null;
    }
    const newestFirst = [...records].reverse();
    expect(titles).toEqual(newestFirst.map((record) => asParsed(postTitle({ ...record, author: record.author }))));
    expect(captions).toEqual(newestFirst.map((record) => asParsed(record.caption ?? '')));
    expect(log.dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('show as text on every post page, heading, caption and name, and run nothing', async () => {
    const { page, log } = await signedInPage();
    const assets = await served.h.deps.workspaceAssets();
    const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    // Every string through the post page's own renderer, parsed by Chromium with no CSP to help:
    // only escaping stands between the text and the page. The markup-looking ones (and every
    // payload above) also through the whole stack by navigation, with the page's CSP header.
    const navigate = new Set(records.map((record, i) => ((MARKUP.test(record.caption ?? '') && i % 6 === 0) || i >= BLNS.length ? i : -1)));
    const failures: string[] = [];
    for (const [i, record] of records.entries()) {
      log.reset();
      let status = 200;
      let csp = "default-src 'none'";
      if (navigate.has(i)) {
        const res = await page.goto(`${base}/app/posts/${record.id}`, { waitUntil: 'domcontentloaded' });
        status = res?.status() ?? 0;
        csp = res?.headers()['content-security-policy'] ?? '';
      } else {
        const rendered = renderPostPage(
          { me: { id: 'admin', name: 'Admin key', role: 'admin' }, csrf, assets },
          {
            post: toPostJson(record, base),
            snippet: null,
            versions: { ok: true, status: 200, data: { items: [] } },
            evidence: { ok: true, status: 200, data: { items: [] } },
            audit: { ok: true, status: 200, data: { items: [], cursor: null } },
            flash: null,
          },
        );
        await page.setContent(rendered.html, { waitUntil: 'domcontentloaded' });
      }
      const seen = await probe(page);
      // One evaluation per page: role queries compute every accessible name and cost seconds here.
      const { heading, caption, name, fields } = await page.evaluate(() => ({
        heading: document.querySelector('h1')?.textContent ?? null,
        caption: document.querySelector('.caption-text')?.textContent ?? null,
        name:
          [...document.querySelectorAll('tr')].find((row) => row.querySelector('th')?.textContent === 'Display name')?.querySelector('td')
            ?.textContent ?? null,
        fields: [
          (document.getElementById('fix-caption') as HTMLTextAreaElement | null)?.value ?? null,
          (document.getElementById('fix-name') as HTMLInputElement | null)?.value ?? null,
        ],
      }));
      const problems: string[] = [];
      if (status !== 200) problems.push(`status ${status}`);
      if (!csp.includes("default-src 'none'")) problems.push('no CSP');
      const text = asParsed(record.caption ?? '');
      if (heading !== asParsed(postTitle(record))) problems.push(`heading ${JSON.stringify(heading)}`);
      if (caption !== (text === '' ? '—' : text)) problems.push(`caption ${JSON.stringify(caption)}`);
      if (name !== (text === '' ? '—' : text)) problems.push(`name ${JSON.stringify(name)}`);
      // The correction form holds the same text as values (a textarea drops one leading newline).
      if (fields[0] !== text.replace(/^\n/, '')) problems.push(`caption field ${JSON.stringify(fields[0])}`);
      if (fields[1] !== (record.author.name ?? '').replace(/[\r\n]/g, '')) problems.push(`name field ${JSON.stringify(fields[1])}`);
      if (seen.pwned !== undefined) problems.push('window.__pwned set');
      if (seen.scripts !== 1) problems.push(`${seen.scripts} scripts`);
      if (seen.handlers.length > 0) problems.push(`handlers ${seen.handlers.join(' ')}`);
      if (log.dialogs.length > 0) problems.push(`dialogs ${log.dialogs.join(' | ')}`);
      if (problems.length > 0) failures.push(`#${i} ${JSON.stringify(record.caption)}: ${problems.join('; ')}`);
    }
    console.info(`${records.length} post pages checked, ${navigate.size - 1} of them through the whole stack`);
    expect(navigate.size).toBeGreaterThan(PWN.length + 10);
    await page.context().close();
    expect(failures).toEqual([]);
  }, 240_000);
});
