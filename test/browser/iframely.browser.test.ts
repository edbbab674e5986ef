import { load } from 'cheerio';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmbedVariant, toEmbedUrl } from '../../shared/embed/index.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { type ArticleHost, openFitFrame, startArticleHost } from '../support/article-host.js';
import { launchBrowser, type PageLog, screenshotPath, watchPage } from '../support/browser.js';
import { type IframelyServer, startIframely } from '../support/iframely.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';
import { archiveCards } from './posts.js';

/**
 * Iframely, the oEmbed gateway many sites put between an editor's pasted URL and the page: its
 * own server, started from the npm package, asked about our embed URLs. It finds our oEmbed
 * endpoint by discovery, keeps the answer's fields, and builds its own iframe from the `src` of
 * ours (dropping our blockquote, wrapper and sandbox): fixed at the answer's size, or, when the
 * operator marks rich answers `responsive`, at the answer's aspect ratio in a fluid box.
 */

const COLUMNS = [320, 390, 500, 700] as const;

interface IframelyAnswer {
  meta: Record<string, string>;
  links: Array<{ href: string; rel: string[]; type: string; media?: Record<string, number | string>; html?: string }>;
  html?: string;
}
interface OurAnswer {
  title: string;
  author_name: string;
  author_url: string;
  provider_name: string;
  thumbnail_url: string;
  thumbnail_width: number;
  thumbnail_height: number;
  width: number;
  height: number;
}

let served: ServedHarness;
let base = '';
let summary: IframelyServer;
let fixed: IframelyServer;
let responsive: IframelyServer;
let browser: Browser;
let page: Page;
let log: PageLog;
let site: ArticleHost;
const posts: Record<string, PostJson> = {};

beforeAll(async () => {
  [served, browser, summary, fixed, responsive] = await Promise.all([
    startServedHarness(),
    launchBrowser(),
    startIframely(null),
    startIframely(['allow']),
    startIframely(['allow', 'responsive']),
  ]);
  base = served.baseUrl;
  Object.assign(posts, await archiveCards(served.h));
  site = await startArticleHost();
  page = await (await browser.newContext()).newPage();
  log = watchPage(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await Promise.all([summary?.close(), fixed?.close(), responsive?.close()]);
  await served?.close();
});

async function askIframely(server: IframelyServer, url: string): Promise<IframelyAnswer> {
  const res = await fetch(`${server.origin}/iframely?url=${encodeURIComponent(url)}`);
  expect(res.status, `${url}: ${server.output().slice(-2000)}`).toBe(200);
  return (await res.json()) as IframelyAnswer;
}

async function ours(url: string): Promise<OurAnswer> {
  return (await (await fetch(`${base}/oembed?url=${encodeURIComponent(url)}&format=json`)).json()) as OurAnswer;
}

describe('Iframely (its own server from the npm package) reads postkeep', () => {
  it('ran offline: its config asked iframely.com for no domains list', async () => {
    await askIframely(summary, posts.photo!.embedUrl);
    for (const server of [summary, fixed, responsive]) {
      expect(server.output()).toContain('No local domains file detected');
      expect(server.output()).not.toContain('Loading domains list');
    }
  });

  it("without a rule for rich answers (its default for an unknown site): the post's title, author and thumbnail, no html", async () => {
    for (const post of Object.values(posts)) {
      const [answer, our] = await Promise.all([askIframely(summary, post.embedUrl), ours(post.embedUrl)]);
      expect(answer.meta).toMatchObject({
        title: our.title,
        author: our.author_name,
        author_url: our.author_url,
        site: 'postkeep',
        canonical: post.embedUrl,
      });
      const thumbnail = answer.links.find((l) => l.rel.includes('thumbnail'));
      expect(thumbnail?.href).toBe(our.thumbnail_url);
      expect(thumbnail?.media).toEqual({ width: our.thumbnail_width, height: our.thumbnail_height });
      expect((await fetch(our.thumbnail_url)).headers.get('content-type')).toMatch(/^image\//);
      expect(answer.html).toBeUndefined();
      expect(answer.links.filter((l) => l.type === 'text/html')).toEqual([]);
    }
  });

  it('with rich answers allowed: one iframe on the embed page of the variant pasted, at the answer’s size, no script', async () => {
    const cases = [
      { post: 'photo', query: {} },
      { post: 'photo', query: { theme: 'dark' } },
      { post: 'long', query: { hidecaption: '1' } },
      { post: 'carousel', query: { img_index: '2' } },
    ] as const;
    for (const { post, query } of cases) {
      const id = posts[post]!.id;
      const pasted = `${posts[post]!.embedUrl}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
      const expected = toEmbedUrl(base, id, parseEmbedVariant(query));
      const [answer, our] = await Promise.all([askIframely(fixed, pasted), ours(pasted)]);
      const at = `${pasted}: ${JSON.stringify(answer)}`;
      const app = answer.links.find((l) => l.type === 'text/html');
      expect(app?.rel, at).toEqual(expect.arrayContaining(['oembed', 'app']));
      expect(app?.href, at).toBe(expected);
      expect(app?.media, at).toMatchObject({ width: our.width, height: our.height });
      const $ = load(String(answer.html), null, false);
      expect($('iframe').length, at).toBe(1);
      expect($('iframe').attr('src'), at).toBe(expected);
      expect([$('iframe').attr('width'), $('iframe').attr('height')], at).toEqual([String(our.width), String(our.height)]);
      expect($('script').length, at).toBe(0);
      expect(String(answer.html), at).not.toMatch(/<script|javascript:|\son\w+=/i);

      const viaOembed = (await (await fetch(`${fixed.origin}/oembed?url=${encodeURIComponent(pasted)}`)).json()) as Record<string, unknown>;
      expect(viaOembed, at).toMatchObject({ type: 'rich', version: '1.0', width: our.width, height: our.height, author: our.author_name });
      expect(load(String(viaOembed.html), null, false)('iframe').attr('src'), at).toBe(expected);
    }
  });

  it("at fixed size: the card fills Iframely's iframe exactly, footer inside, nothing to scroll", async () => {
    for (const name of ['photo', 'long', 'carousel']) {
      const answer = await askIframely(fixed, posts[name]!.embedUrl);
      const path = `/iframely-fixed/${name}`;
      site.articles.set(path, article(600, String(answer.html)));
      const at = `${name} fixed`;
      const { box, inside } = await open(path, 640);
      expect(Math.abs(inside.card.height - box.height), at).toBeLessThanOrEqual(2);
      expect(inside.footer.bottom, at).toBeLessThanOrEqual(inside.height + 0.5);
      expect(inside.scroll, at).toBeLessThanOrEqual(inside.height + 1);
      expect(await page.locator('blockquote', { hasText: 'archived copy' }).count(), at).toBe(0);
      expect(log.failed.filter((entry) => entry.includes(base))).toEqual([]);
    }
  });

  for (const name of ['photo', 'long', 'carousel']) {
    it(`responsive: ${name} fills the fluid box with no blank band and no clipped footer, at ${COLUMNS.join(', ')} px`, async () => {
      const answer = await askIframely(responsive, posts[name]!.embedUrl);
      const app = answer.links.find((l) => l.type === 'text/html');
      expect(app?.media?.['aspect-ratio']).toBeGreaterThan(0);
      expect(String(answer.html)).not.toMatch(/<script/i);
      for (const column of COLUMNS) {
        const path = `/iframely-responsive/${name}-${column}`;
        site.articles.set(path, article(column, String(answer.html)));
        const { box, inside } = await open(path, column + 40);
        const at = `${name} at ${column}: frame ${JSON.stringify(box)} inside ${JSON.stringify(inside)}`;
        expect(box.width, at).toBe(column);
        expect(Math.abs(box.height - column / Number(app?.media?.['aspect-ratio'])), at).toBeLessThanOrEqual(1);
        expect(Math.abs(inside.card.height - box.height), at).toBeLessThanOrEqual(2);
        expect(Math.abs(inside.card.width - box.width), at).toBeLessThanOrEqual(2);
        // The fluid box keeps the 540 px answer's proportions at every width, so the picture gives
        // way; at most about a third of it is cropped (a long caption in a 320 px column).
        expect(inside.shown, at).toBeGreaterThanOrEqual(0.65);
        expect(inside.footer.bottom, at).toBeLessThanOrEqual(inside.card.bottom);
        expect(inside.footer.bottom, at).toBeLessThanOrEqual(inside.height + 0.5);
        expect(inside.scroll, at).toBeLessThanOrEqual(inside.height + 1);
        expect(await page.locator('iframe').count(), at).toBe(1);
        expect(await page.locator('blockquote', { hasText: 'archived copy' }).count(), at).toBe(0);
        expect(
          log.failed.filter((entry) => entry.includes(base)),
          at,
        ).toEqual([]);
        expect(
          log.errors.filter((entry) => !entry.endsWith('/favicon.ico')),
          at,
        ).toEqual([]);
        await page.screenshot({ path: screenshotPath(`iframely-${name}-${column}`), fullPage: true });
      }
    });
  }
});

/** An article whose body column is `column` px wide, the html as Iframely gave it inside. */
function article(column: number, html: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>An article</title>' +
    `<style>body{margin:0;font:18px/1.6 Georgia,serif}main{box-sizing:border-box;width:${column}px;margin:0 auto}</style></head>` +
    `<body><main><p>As the post said:</p>${html}<p>End of story.</p></main></body></html>`
  );
}

async function open(path: string, viewport: number) {
  log.reset();
  return openFitFrame(page, `${site.origin}${path}`, viewport);
}
