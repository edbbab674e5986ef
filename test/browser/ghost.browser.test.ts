import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostJson } from '../../shared/post/post-json.js';
import { type ArticleHost, openFitFrame, startArticleHost } from '../support/article-host.js';
import { launchBrowser, type PageLog, screenshotPath, watchPage } from '../support/browser.js';
import { ghostEmbedCard, ghostEmbedFor } from '../support/ghost-rules.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';
import { archiveCards } from './posts.js';

/**
 * Ghost: an editor pastes the embed URL into an embed card; Ghost finds the oEmbed answer by
 * discovery (its rules in ghost-rules.ts) and inserts the `html` as is into the post, in a column
 * whose width the theme decides. Casper, Ghost's default theme, centres embed cards in a flex
 * column (`.kg-embed-card{display:flex;flex-direction:column;align-items:center;min-width:100%}`).
 */

const COLUMNS = [320, 390, 500, 700] as const;

let served: ServedHarness;
let base = '';
let browser: Browser;
let page: Page;
let log: PageLog;
let site: ArticleHost;
const posts: Record<string, PostJson> = {};

beforeAll(async () => {
  [served, browser] = await Promise.all([startServedHarness(), launchBrowser()]);
  base = served.baseUrl;
  Object.assign(posts, await archiveCards(served.h));
  site = await startArticleHost();
  page = await (await browser.newContext()).newPage();
  log = watchPage(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await served?.close();
});

const ghostArticle = (column: number, card: string) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>A Ghost post</title>' +
  `<style>body{margin:0;font:18px/1.6 Georgia,serif}.gh-content{box-sizing:border-box;width:${column}px;margin:0 auto}` +
  '.kg-card{margin:1.5em 0 0}.kg-embed-card{display:flex;flex-direction:column;align-items:center;min-width:100%}</style></head>' +
  `<body><article class="gh-content"><p>As the post said:</p>${card}<p>End of story.</p></article></body></html>`;

describe("Ghost's embed card", () => {
  it('Ghost accepts the answer as an embed card: type, version, html, width and height', async () => {
    for (const post of Object.values(posts)) {
      const embed = await ghostEmbedFor(post.embedUrl);
      expect(embed).not.toBeNull();
      expect(embed).toMatchObject({ type: 'rich', version: '1.0', html: expect.stringContaining(post.embedUrl) });
      expect(embed?.width).toBeGreaterThan(0);
      expect(embed?.height).toBeGreaterThan(0);
    }
  });

  for (const name of ['photo', 'long', 'carousel']) {
    it(`${name}: the html as is shows the whole card, once, with no blank band, at ${COLUMNS.join(', ')} px`, async () => {
      const embed = await ghostEmbedFor(posts[name]!.embedUrl);
      for (const column of COLUMNS) {
        const path = `/ghost/${name}-${column}`;
        site.articles.set(path, ghostArticle(column, ghostEmbedCard(String(embed?.html))));
        log.reset();
        const { box, inside } = await openFitFrame(page, `${site.origin}${path}`, column + 40);
        const at = `${name} at ${column}: frame ${JSON.stringify(box)} inside ${JSON.stringify(inside)}`;
        expect(box.width, at).toBe(Math.min(column, 540));
        expect(Math.abs(inside.card.height - box.height), at).toBeLessThanOrEqual(2);
        expect(inside.footer.bottom, at).toBeLessThanOrEqual(inside.card.bottom);
        expect(inside.footer.bottom, at).toBeLessThanOrEqual(inside.height + 0.5);
        expect(inside.scroll, at).toBeLessThanOrEqual(inside.height + 1);
        expect(await page.locator('blockquote', { hasText: 'archived copy' }).isVisible(), at).toBe(false);
        // The article's own /favicon.ico is the test site's business; nothing of the embed's fails.
        expect(
          log.failed.filter((entry) => entry.includes(base)),
          at,
        ).toEqual([]);
        expect(
          log.errors.filter((entry) => !entry.endsWith('/favicon.ico')),
          at,
        ).toEqual([]);
        await page.screenshot({ path: screenshotPath(`ghost-${name}-${column}`), fullPage: true });
      }
    });
  }
});

describe('a consumer that builds its own iframe from the answer', () => {
  it("fills an iframe of the answer's width and height exactly, at the widths asked for", async () => {
    for (const name of ['photo', 'long', 'carousel']) {
      for (const maxwidth of [320, 390, 500]) {
        const res = await fetch(`${base}/oembed?url=${encodeURIComponent(posts[name]!.embedUrl)}&maxwidth=${maxwidth}&format=json`);
        const answer = (await res.json()) as { width: number; height: number };
        const path = `/own-iframe/${name}-${maxwidth}`;
        site.articles.set(
          path,
          `<!doctype html><html><body style="margin:0"><iframe src="${posts[name]!.embedUrl}" width="${answer.width}" height="${answer.height}" style="border:0;display:block"></iframe></body></html>`,
        );
        log.reset();
        await page.setViewportSize({ width: 800, height: 1200 });
        await page.goto(`${site.origin}${path}`, { waitUntil: 'load' });
        const frame = page.frames().find((f) => f.url().startsWith(posts[name]!.embedUrl))!;
        await expect.poll(() => frame.evaluate(() => document.documentElement.classList.contains('fit'))).toBe(true);
        const inside = await frame.evaluate(() => ({
          card: document.querySelector('figure')!.getBoundingClientRect().height,
          footer: document.querySelector('figcaption')!.getBoundingClientRect().bottom,
          height: innerHeight,
        }));
        const at = `${name} at ${maxwidth}: ${JSON.stringify({ answer, inside })}`;
        expect(Math.abs(inside.card - answer.height), at).toBeLessThanOrEqual(1);
        expect(inside.footer, at).toBeLessThanOrEqual(inside.height);
        expect(
          log.failed.filter((entry) => entry.includes(base)),
          at,
        ).toEqual([]);
      }
    }
  });
});
