import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_NOTICE } from '../../shared/embed/status-text.js';
import { foreignRequests, launchBrowser, layoutShift, luminance, type PageLog, screenshotPath, watchPage } from '../support/browser.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';
import { type Archived, archiveAll, CAROUSEL, LONG_CAPTION, PHOTO, REEL, RTL } from './posts.js';

let served: ServedHarness;
let base = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;
let posts: Archived;

beforeAll(async () => {
  [served, browser] = await Promise.all([startServedHarness(), launchBrowser()]);
  base = served.baseUrl;
  context = await browser.newContext();
  page = await context.newPage();
  log = watchPage(page);
  posts = await archiveAll(served.h, base);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/**
 * Loads an embed page at a width and checks what every embed owes its reader: no errors, nothing
 * fetched from anywhere but this service, no cookies, no script file, no layout shift, images
 * with reserved space. Leaves the page open for the case's own checks.
 */
async function open(path: string, width: number, shot: string, colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
  log.reset();
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width, height: 900 });
  const res = await page.goto(`${base}${path}`, { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
  expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
  const facts = await page.evaluate(() => ({
    scriptSrc: document.querySelectorAll('script[src]').length,
    imgsWithoutSize: [...document.images].filter((img) => !img.getAttribute('width') || !img.getAttribute('height')).length,
    resources: performance.getEntriesByType('resource').map((entry) => entry.name),
    overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  expect(facts.scriptSrc).toBe(0);
  expect(facts.imgsWithoutSize).toBe(0);
  // The card never makes the page scroll sideways (the carousel scrolls inside itself).
  expect(facts.overflowX).toBeLessThanOrEqual(0);
  expect(await layoutShift(page)).toBe(0);
  expect(log.failed).toEqual([]);
  // Opened on its own, the page names an empty icon, so Chromium asks for no /favicon.ico (whose
  // 404 would show here as a console error).
  expect(log.errors).toEqual([]);
  expect(log.dialogs).toEqual([]);
  expect(foreignRequests([...log.requests, ...facts.resources], base)).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  await page.screenshot({ path: screenshotPath(`${shot}-${width}${colorScheme === 'dark' ? '-os-dark' : ''}`), fullPage: true });
}

const text = (selector: string) => page.locator(selector).first().textContent();
/** The card's background: the page around it is transparent, so a host's colour shows beside a narrower card. */
const bodyBackground = () => page.evaluate(() => getComputedStyle(document.querySelector('figure')!).backgroundColor);

describe('embed pages in Chromium', () => {
  it('photo: attribution, picture with reserved size, at 320 and 540 px', async () => {
    for (const width of [320, 540]) {
      await open(`/embed/${posts.photo.id}`, width, 'photo', 'light');
      expect(await text('header .n')).toBe(PHOTO.name);
      expect(await text('header .h')).toBe(`@${PHOTO.handle}`);
      const img = page.locator('figure img');
      expect(await img.count()).toBe(1);
      expect(await img.getAttribute('alt')).toBe('Photo of a beach at dusk');
      const box = await img.boundingBox();
      // Rendered at the card's inner width, in the image's own proportions (1080×1350).
      expect(box?.width).toBe(Math.min(width, 540) - 2);
      expect(Math.abs((box?.height ?? 0) - (box?.width ?? 0) * 1.25)).toBeLessThan(1.5);
      expect(await page.locator('figure img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
      expect(await page.getAttribute('figcaption a', 'href')).toBe(`https://www.instagram.com/p/${PHOTO.shortcode}/`);
    }
  });

  it('photo: ?theme=dark is dark, ?theme=light is light, the default follows the reader', async () => {
    await open(`/embed/${posts.photo.id}?theme=dark`, 540, 'photo-theme-dark', 'light');
    expect(luminance(await bodyBackground())).toBeLessThan(0.05);
    expect(luminance(await page.locator('.c').evaluate((el) => getComputedStyle(el).color))).toBeGreaterThan(0.8);

    await open(`/embed/${posts.photo.id}?theme=light`, 540, 'photo-theme-light', 'dark');
    expect(luminance(await bodyBackground())).toBeGreaterThan(0.95);
    expect(luminance(await page.locator('.c').evaluate((el) => getComputedStyle(el).color))).toBeLessThan(0.05);

    await open(`/embed/${posts.photo.id}`, 540, 'photo-theme-auto', 'dark');
    expect(luminance(await bodyBackground())).toBeLessThan(0.05);
  });

  it('photo: Tab reaches the profile, caption links and the original post, in reading order', async () => {
    await open(`/embed/${posts.photo.id}`, 540, 'photo-keyboard');
    const reached: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href ?? '');
      if (href === '' || reached.includes(href)) continue;
      reached.push(href);
    }
    expect(reached).toEqual([
      `https://www.instagram.com/${PHOTO.handle}/`,
      'https://www.instagram.com/explore/tags/tag/',
      'https://www.instagram.com/friend/',
      'https://example.com/x',
      `https://www.instagram.com/p/${PHOTO.shortcode}/`,
    ]);
    // Focus is visible: the focused link draws an outline.
    await page.focus('figcaption a');
    expect(await page.locator('figcaption a').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  });

  it('carousel: every item is there, each with its counter; ?slide=2 shows item 2 first in view', async () => {
    for (const width of [320, 540]) {
      await open(`/embed/${posts.carousel.id}`, width, 'carousel', 'light');
      expect(await page.locator('.sc .it').count()).toBe(3);
      expect(await page.locator('.sc .ct').allInnerTexts()).toEqual(['1 / 3', '2 / 3', '3 / 3']);
      expect(await page.locator('.sc img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')))).toEqual(
        CAROUSEL.items.map((item) => item.alt),
      );
      // The video item is a link to play it on Instagram.
      expect(await page.locator('.sc a.it').getAttribute('aria-label')).toBe('Play video on Instagram: A reel poster');
    }

    await open(`/embed/${posts.carousel.id}?slide=2`, 540, 'carousel-slide2');
    const inView = await page.evaluate(() => {
      const strip = document.querySelector('.sc')!.getBoundingClientRect();
      return [...document.querySelectorAll('.sc .it')]
        .filter((item) => {
          const r = item.getBoundingClientRect();
          return r.left >= strip.left - 1 && r.right <= strip.right + 1;
        })
        .map((item) => item.querySelector('.ct')?.textContent);
    });
    expect(inView).toEqual(['2 / 3']);
    expect(await page.locator('.sc .it').count()).toBe(3);
    expect(await page.locator('.sc img').first().getAttribute('alt')).toBe('A blue room');
  });

  it('reel: poster with a play link to the original reel', async () => {
    for (const width of [320, 540]) {
      await open(`/embed/${posts.reel.id}`, width, 'reel');
      const play = page.locator('a.it');
      expect(await play.getAttribute('href')).toBe(`https://www.instagram.com/reel/${REEL.shortcode}/`);
      expect(await play.getAttribute('target')).toBe('_blank');
      expect(await page.locator('a.it .pl').isVisible()).toBe(true);
      expect(await text('.c')).toBe(REEL.caption);
    }
  });

  it('long caption: folded to five lines, "more" opens all of it without script, from the keyboard too', async () => {
    for (const width of [320, 540]) {
      await open(`/embed/${posts.long.id}`, width, 'long-caption');
      const caption = page.locator('.c');
      expect(await caption.textContent()).toBe(LONG_CAPTION);
      const folded = await caption.evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
      expect(folded.client).toBe(5 * 20);
      expect(folded.scroll).toBeGreaterThan(folded.client);
      expect(await page.locator('label[for="m"]').isVisible()).toBe(true);

      await page.focus('#m');
      await page.keyboard.press('Space');
      const open_ = await caption.evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
      expect(open_.client).toBe(open_.scroll);
      expect(open_.client).toBeGreaterThan(folded.client);
      expect(await page.locator('label[for="m"]').isVisible()).toBe(false);
      await page.screenshot({ path: screenshotPath(`long-caption-${width}-open`), fullPage: true });
    }
  });

  it('right-to-left caption and name are laid out right to left', async () => {
    for (const width of [320, 540]) {
      await open(`/embed/${posts.rtl.id}`, width, 'rtl');
      expect(await page.locator('.c').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      expect(await page.locator('.c').textContent()).toBe(RTL.caption);
      expect(await text('header .n')).toBe(RTL.name);
      // The caption's text starts at the right edge of its box.
      const align = await page.locator('.c').evaluate((el) => {
        const range = document.createRange();
        range.setStart(el.firstChild!, 0);
        range.setEnd(el.firstChild!, 1);
        const box = el.getBoundingClientRect();
        return { box: box.right, first: range.getBoundingClientRect().right };
      });
      expect(Math.abs(align.box - align.first)).toBeLessThan(2);
    }
  });

  it('removed post: says "Original removed" and still shows the archived copy', async () => {
    for (const width of [320, 540]) {
      await open(`/embed/${posts.removed.id}`, width, 'removed');
      expect(await text('figcaption strong')).toBe('Original removed');
      expect(await text('figcaption')).toMatch(/archived copy captured/);
      expect(await page.locator('figure img').count()).toBe(1);
      expect(await text('.c')).toBe('This one will be deleted upstream');
    }
  });

  it('hidden post: a tombstone with attribution, no media, no caption', async () => {
    for (const width of [320, 540]) {
      await open(`/embed/${posts.hidden.id}`, width, 'hidden');
      expect(await text('.t')).toBe(HIDDEN_NOTICE);
      expect(await text('header .h')).toBe('@takedown.me');
      expect(await page.locator('img, picture, blockquote').count()).toBe(0);
      expect(await page.content()).not.toContain('please remove this');
    }
    const slide = await page.goto(`${base}/embed/${posts.hidden.id}?slide=2&theme=dark`);
    expect(await slide?.text()).toContain(HIDDEN_NOTICE);
  });

  it('text-only card (rescued leftover, no media): name, caption and status, no picture', async () => {
    for (const width of [320, 540]) {
      await open(`/embed/${posts.textOnly.id}`, width, 'text-only');
      expect(await text('header .n')).toBe('Quoted Person');
      expect(await text('.c')).toBe(posts.textOnly.caption);
      expect(await page.locator('img, picture').count()).toBe(0);
      expect(await text('figcaption')).toMatch(/Archived copy/);
    }
  });

  it('sets no cookie and never left the origin over the whole run', async () => {
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }))).toEqual({ local: 0, session: 0 });
  });
});
