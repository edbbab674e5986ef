import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PageLog, screenshotPath, watchPage } from '../support/browser.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';
import { readWordPressFile } from '../support/wordpress.js';
import { type Archived, archiveAll } from './posts.js';

/**
 * An article on another site (http://localhost:<port>, a different site from the service's
 * 127.0.0.1, so the frame is cross-site as on a real news page) that embeds our oEmbed `html`.
 */
class HostSite {
  private readonly pages = new Map<string, string>();
  private server: Server | null = null;
  origin = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const body = this.pages.get(req.url ?? '');
      const type = req.url?.endsWith('.js') ? 'text/javascript' : 'text/html';
      res.writeHead(body ? 200 : 404, { 'Content-Type': `${type}; charset=utf-8` });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://localhost:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  publish(path: string, html: string): string {
    this.pages.set(path, html);
    return `${this.origin}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const article = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title>${head}</head>` +
  `<body style="margin:0;padding:16px;font:16px Georgia,serif"><h1>Story</h1><p>As the post said:</p>${body}<p>End of story.</p></body></html>`;

/**
 * What wp_filter_oembed_result (wp-includes/embed.php) does to an unknown provider's html: keep
 * only blockquote/a and the iframe's src, width, height, frameborder, scrolling, title; put
 * `#?secret=` on the src and `data-secret` on both; add its own sandbox, class and the style
 * that hides the frame until it has said its height.
 */
function toWordPressHtml(html: string, secret: string): string {
  const blockquote = /<blockquote[^>]*>([\s\S]*?)<\/blockquote>/.exec(html);
  const iframe = /<iframe([^>]*)><\/iframe>/.exec(html);
  if (!blockquote || !iframe) throw new Error(`oEmbed html has no blockquote + iframe: ${html}`);
  const kept = [...iframe[1]!.matchAll(/\s(src|width|height|frameborder|scrolling|title)="([^"]*)"/g)]
    .map(([, name, value]) => (name === 'src' ? ` src="${value}#?secret=${secret}"` : ` ${name}="${value}"`))
    .join('');
  return (
    `<blockquote class="wp-embedded-content" data-secret="${secret}">${blockquote[1]}</blockquote>` +
    `<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" style="position: absolute; visibility: hidden;"${kept} data-secret="${secret}"></iframe>`
  );
}

/**
 * WordPress's own wp-embed.js, from Debian's `wordpress` package (.ci/run installs it), served by
 * the article's site as WordPress does; a recorder before it keeps every height the embed posts.
 */
const WP_EMBED_JS = readWordPressFile('wp-includes/js/wp-embed.js');
const WP_EMBED_LISTENER =
  "<script>window.__reported=[];addEventListener('message',function(e){var d=e.data;if(d&&d.message==='height')window.__reported.push(d.value)})</script>" +
  '<script src="/wp-includes/js/wp-embed.js"></script>';

let served: ServedHarness;
let base = '';
let host: HostSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;
let posts: Archived;

beforeAll(async () => {
  [served, browser, host] = await Promise.all([startServedHarness(), launchBrowser(), new HostSite().start()]);
  base = served.baseUrl;
  context = await browser.newContext();
  page = await context.newPage();
  log = watchPage(page);
  posts = await archiveAll(served.h, base);
  host.publish('/wp-includes/js/wp-embed.js', WP_EMBED_JS);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await served?.close();
});

interface OEmbedJson {
  readonly html: string;
  readonly width: number;
  readonly height: number;
}

async function fetchOEmbed(embedUrl: string, maxwidth: number): Promise<OEmbedJson> {
  const res = await fetch(`${base}/oembed?url=${encodeURIComponent(embedUrl)}&maxwidth=${maxwidth}&format=json`);
  expect(res.status).toBe(200);
  return (await res.json()) as OEmbedJson;
}

function embedFrame(): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(`${base}/embed/`));
  if (!frame)
    throw new Error(
      `no embed frame among ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}

/** Height of the embed's content: the bottom of the card, which is the whole of the page. */
const contentHeight = (frame: Frame) => frame.evaluate(() => Math.ceil(document.querySelector('figure')!.getBoundingClientRect().bottom));

function expectQuiet(): void {
  // The host page here names no icon, so Chromium asks its origin for /favicon.ico; the embed asks for none.
  expect(log.errors.filter((error) => !error.endsWith('/favicon.ico'))).toEqual([]);
  expect(log.dialogs).toEqual([]);
  expect(log.failed).toEqual([]);
  const elsewhere = log.requests.filter(
    (url) => !url.startsWith(`${base}/`) && !url.startsWith(`${host.origin}/`) && !url.startsWith('data:'),
  );
  expect(elsewhere).toEqual([]);
}

const CASES = ['photo', 'carousel', 'reel', 'long', 'rtl', 'removed', 'textOnly'] as const;
type Case = (typeof CASES)[number];
const embedUrlOf = (name: Case) => (name === 'textOnly' ? `${base}/embed/${posts.textOnly.id}` : posts[name].embedUrl);
/** wp-embed.js keeps a frame between 200 and 1000 px tall whatever the embed reports. */
const wpClamp = (value: number) => Math.min(1000, Math.max(200, value));

describe('the oEmbed html on a WordPress page (wp-embed resizing)', () => {
  for (const name of CASES) {
    it(`${name}: the hidden frame reports its height with the secret and is shown at that height`, async () => {
      for (const width of [540, 320]) {
        const oembed = await fetchOEmbed(embedUrlOf(name), width);
        const secret = `Wp${name.slice(0, 3)}${width}x`
          .replace(/[^A-Za-z0-9]/g, '')
          .padEnd(10, 'q')
          .slice(0, 10);
        log.reset();
        const url = host.publish(`/wp/${name}-${width}`, article(toWordPressHtml(oembed.html, secret), WP_EMBED_LISTENER));
        await page.setViewportSize({ width: 800, height: 900 });
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as unknown as { __reported: number[] }).__reported.length > 0);
        const iframe = page.locator('iframe.wp-embedded-content');
        // wp-embed.js shows the frame (drops the hiding style) when the embed has reported.
        await expect.poll(() => iframe.getAttribute('style')).toBeNull();
        // Let a resize after the first report (images decoding, the frame getting its height) settle.
        await page.waitForTimeout(150);

        expect(await iframe.isVisible()).toBe(true);
        expect(await page.locator('blockquote.wp-embedded-content').isVisible()).toBe(false);
        const reported = await page.evaluate(() => (window as unknown as { __reported: number[] }).__reported);
        const raw = reported[reported.length - 1]!;
        expect(Number(await iframe.getAttribute('height'))).toBe(wpClamp(raw));
        const frame = embedFrame();
        expect(frame.url()).toContain(`#?secret=${secret}`);
        const content = await contentHeight(frame);
        // The embed reports its card's height (to the pixel, rounded up): the frame shrinks to the
        // card as well as grows, and every card fits under wp-embed's 1000 px cap (tall media are
        // shown at 4:5, as Instagram's feed does).
        expect(raw, `reported ${reported.join(',')} vs content ${content}`).toBeGreaterThanOrEqual(content);
        expect(raw, `reported ${reported.join(',')} vs content ${content}`).toBeLessThanOrEqual(content + 1);
        expect(content).toBeLessThanOrEqual(1000);
        expectQuiet();
        await page.screenshot({ path: screenshotPath(`wordpress-${name}-${width}`), fullPage: true });
      }
    });
  }
});

describe('the oEmbed html with no script on the host', () => {
  it('the server-computed iframe height is within ±15% of the rendered content at every width', async () => {
    const rows: string[] = [];
    for (const name of CASES) {
      const embedUrl = embedUrlOf(name);
      for (const width of [540, 400, 320]) {
        const oembed = await fetchOEmbed(embedUrl, width);
        expect(oembed.html).not.toMatch(/<script/i);
        log.reset();
        const url = host.publish(`/plain/${name}-${width}`, article(oembed.html));
        await page.setViewportSize({ width: 800, height: 900 });
        await page.goto(url, { waitUntil: 'load' });
        const iframe = page.locator('iframe');
        await iframe.scrollIntoViewIfNeeded();
        await page.waitForFunction((prefix) => {
          const frame = document.querySelector('iframe');
          return frame?.src.startsWith(prefix);
        }, `${base}/embed/`);
        const frame = await (await iframe.elementHandle())!.contentFrame();
        await frame!.waitForLoadState('load');
        const attribute = Number(await iframe.getAttribute('height'));
        expect(attribute).toBe(oembed.height);
        expect((await iframe.boundingBox())?.width).toBe(width);
        const content = await contentHeight(frame!);
        rows.push(
          `${name}@${width}: estimate ${attribute}, rendered ${content} (${(((attribute - content) / content) * 100).toFixed(1)}%)`,
        );
        expect(Math.abs(attribute - content) / content, rows[rows.length - 1]).toBeLessThanOrEqual(0.15);
        expectQuiet();
      }
    }
    console.info(rows.join('\n'));
  });
});
