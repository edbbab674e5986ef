import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VARIANT, embedObjectKey, renderEmbedPage } from '../../shared/embed/index.js';
import type { PostRecord } from '../../shared/post/post.js';
import { foreignRequests, launchBrowser, type PageLog, watchPage } from '../support/browser.js';
import { readBlns } from '../support/fixtures.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';
import { PHOTO } from './posts.js';

const BLNS = readBlns();
/** Payloads that would set a flag if they ever ran, beside blns's alert() ones. */
const PWN = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  "'><iframe srcdoc='<script>parent.__pwned=1</script>'>",
  '</p></blockquote><img src=x onerror=window.__pwned=1>',
  'javascript:window.__pwned=1',
  'https://example.com/"onmouseover="window.__pwned=1',
  '<a href="javascript:window.__pwned=1">click</a> @x <b>#tag</b>',
  '<style>body{background:url(https://evil.example/x)}</style>',
  '&lt;img src=x onerror=window.__pwned=1&gt;',
  '\u202Eevil\u202C <!-- comment --> ]]> <![CDATA[x]]>',
];
const STRINGS = [...BLNS, ...PWN];
const PAGES = 3;
/**
 * Strings that look like markup or script are loaded by navigating to `/embed/<id>`, so the
 * CSP header applies as for a reader; the rest (plain text: numbers, scripts, emoji, spaces)
 * are fetched from the same route and written into a page already on the service's origin,
 * where the page's own CSP <meta> applies: five times faster, same bytes, same parser.
 */
const MARKUP = /[<>&]|javascript|on\w+\s*=|script/i;

let served: ServedHarness;
let base = '';
let browser: Browser;
let template: PostRecord;

beforeAll(async () => {
  [served, browser] = await Promise.all([startServedHarness(), launchBrowser()]);
  base = served.baseUrl;
  served.h.fake.addPost(PHOTO);
  const res = await served.h.api('POST', '/api/posts', { url: `https://www.instagram.com/p/${PHOTO.shortcode}/` });
  expect(res.status).toBe(201);
  const record = await served.h.deps.posts.get(((await res.json()) as { id: string }).id);
  if (!record) throw new Error('captured record missing');
  template = record;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** What survives the trip through HTML as text: the parser turns CR and CRLF into LF. */
const asParsed = (text: string) => text.replace(/\r\n?/g, '\n');
/** The renderer's own rule (view.ts `present`): blank text is no caption / no name at all. */
const shown = (text: string) => (text.trim().length > 0 ? asParsed(text) : null);

interface Seen {
  readonly caption: string | null;
  readonly name: string | null;
  readonly pwned: unknown;
  readonly scripts: number;
  readonly images: number;
  readonly handlers: string[];
  readonly badLinks: string[];
  readonly captionChildren: string[];
  readonly tags: string[];
}

const ALLOWED_TAGS = new Set(
  'HTML HEAD META TITLE LINK STYLE BODY FIGURE HEADER A SPAN DIV PICTURE SOURCE IMG BLOCKQUOTE P INPUT LABEL FIGCAPTION TIME BR STRONG SCRIPT'.split(
    ' ',
  ),
);

describe('the Big List of Naughty Strings as caption and display name', () => {
  it(`renders each of ${STRINGS.length} strings as the same text and runs none of them`, async () => {
    expect(BLNS).toHaveLength(515);
    const ids = STRINGS.map((_, i) => createHash('sha256').update(`blns:${i}`).digest('hex').slice(0, 20));
    const write = pLimit(16);
    await Promise.all(
      STRINGS.map((text, i) =>
        write(() => {
          const record: PostRecord = { ...template, id: ids[i]!, caption: text, author: { ...template.author, name: text } };
          return served.h.deps.objects.put({
            key: embedObjectKey(record.id, DEFAULT_VARIANT),
            body: renderEmbedPage(record, { baseUrl: base, variant: DEFAULT_VARIANT }),
            contentType: 'text/html; charset=utf-8',
          });
        }),
      ),
    );

    const context = await browser.newContext({ viewport: { width: 540, height: 900 } });
    const failures: string[] = [];
    const logs: PageLog[] = [];
    let next = 0;
    let navigated = 0;
    const started = Date.now();
    const worker = async (page: Page, log: PageLog) => {
      for (let i = next++; i < STRINGS.length; i = next++) {
        const text = STRINGS[i]!;
        log.reset();
        const url = `${base}/embed/${ids[i]}`;
        let status: number | undefined;
        let csp: string | undefined;
        if (MARKUP.test(text)) {
          navigated += 1;
          const res = await page.goto(url, { waitUntil: 'domcontentloaded' });
          status = res?.status();
          csp = res?.headers()['content-security-policy'];
        } else {
          const res = await fetch(url);
          status = res.status;
          csp = res.headers.get('content-security-policy') ?? undefined;
          await page.setContent(await res.text(), { waitUntil: 'domcontentloaded' });
        }
        const seen: Seen = await page.evaluate(() => ({
          caption: document.querySelector('.c')?.textContent ?? null,
          name: document.querySelector('header .n')?.textContent ?? null,
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          scripts: document.scripts.length,
          images: document.images.length,
          handlers: [...document.querySelectorAll('*')].flatMap((el) =>
            [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`),
          ),
          badLinks: [...document.querySelectorAll('[href]:not(link[rel=icon][href="data:,"]),[src],[srcset]')]
            .flatMap((el) => ['href', 'src'].map((n) => el.getAttribute(n)).filter((v): v is string => v !== null))
            .filter((v) => !/^https?:\/\//.test(v)),
          captionChildren: [...(document.querySelector('.c')?.children ?? [])].map((el) => el.tagName),
          tags: [...new Set([...document.querySelectorAll('*')].map((el) => el.tagName))],
        }));
        const problems: string[] = [];
        if (status !== 200) problems.push(`status ${status}`);
        if (!csp?.includes("default-src 'none'")) problems.push(`CSP ${csp}`);
        if (seen.caption !== shown(text)) problems.push(`caption ${JSON.stringify(seen.caption)}`);
        if (seen.name !== shown(text)) problems.push(`name ${JSON.stringify(seen.name)}`);
        if (seen.pwned !== undefined) problems.push('window.__pwned set');
        if (seen.scripts !== 1) problems.push(`${seen.scripts} scripts`);
        if (seen.images !== 1) problems.push(`${seen.images} images`);
        if (seen.handlers.length > 0) problems.push(`handlers ${seen.handlers.join(' ')}`);
        if (seen.badLinks.length > 0) problems.push(`non-http URLs ${seen.badLinks.join(' ')}`);
        if (seen.captionChildren.some((tag) => tag !== 'A')) problems.push(`caption holds ${seen.captionChildren.join(' ')}`);
        const odd = seen.tags.filter((tag) => !ALLOWED_TAGS.has(tag));
        if (odd.length > 0) problems.push(`elements ${odd.join(' ')}`);
        if (log.dialogs.length > 0) problems.push(`dialogs ${log.dialogs.join(' | ')}`);
        const errors = log.errors;
        if (errors.length > 0) problems.push(`console ${errors.join(' | ')}`);
        const foreign = foreignRequests(log.requests, base);
        if (foreign.length > 0) problems.push(`requests ${foreign.join(' ')}`);
        if (problems.length > 0) failures.push(`#${i} ${JSON.stringify(text)}: ${problems.join('; ')}`);
      }
    };
    await Promise.all(
      Array.from({ length: PAGES }, async () => {
        const page = await context.newPage();
        await page.goto(`${base}/embed/${template.id}`);
        const log = watchPage(page);
        logs.push(log);
        await worker(page, log);
      }),
    );
    console.info(
      `${STRINGS.length} strings (${navigated} by navigation) checked in ${((Date.now() - started) / 1000).toFixed(1)} s on ${PAGES} pages`,
    );
    expect(navigated).toBeGreaterThan(200);
    expect(await context.cookies()).toEqual([]);
    await context.close();
    expect(failures).toEqual([]);
  }, 120_000);
});
