import type { Browser, BrowserContext, Frame, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostJson } from '../../shared/post/post-json.js';
import { archive, CAROUSEL, LONG, LONG_CAPTION, PHOTO, REEL } from '../browser/posts.js';
import { launchBrowser, type PageLog, screenshotPath, watchPage } from '../support/browser.js';
import type { FakePost } from '../support/instagram-pages.js';
import { readmeWordPressRecipe } from '../support/readme.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';
import { startWordPress, type WordPress, wordpressInstalled } from '../support/wordpress.js';

/**
 * Debian's WordPress 6.1 with postkeep registered exactly as the README says, read in Chromium.
 * Two ways a post reaches WordPress: an Instagram URL (the README's provider; WordPress trusts it
 * and prints the `html` verbatim, no resizing script) and an embed URL (found by discovery;
 * WordPress sanitises the `html` and wp-embed.js resizes the frame).
 */

const COLUMNS = [320, 390, 500, 700] as const;

/** Instagram's longest caption (2,200 characters) under a 4:5 photo: unfolded, over 1000 px. */
const LONGEST: FakePost = {
  shortcode: 'CzLongest01',
  handle: 'says.a.lot',
  name: 'Says A Lot',
  caption: `${LONG_CAPTION}\n${LONG_CAPTION}\n${LONG_CAPTION}`.slice(0, 2200),
  items: [{ type: 'image', width: 640, height: 800, alt: 'A long read', path: '/v/longest.jpg' }],
};
type Way = 'instagram-url' | 'embed-url';

/**
 * Test-only settings, not part of the recipe: WordPress refuses to fetch from loopback hosts and
 * from ports other than 80, 443 and 8080 (wp_http_validate_url), and the article column is set
 * to an exact width by `?col=N` so every width is measured, not guessed from the theme.
 */
function loopbackPlugin(servicePort: number): string {
  return `<?php
add_filter( 'http_request_host_is_external', function ( $external, $host ) {
	return $external || '127.0.0.1' === $host;
}, 10, 2 );
add_filter( 'http_allowed_safe_ports', function ( $ports ) {
	$ports[] = ${servicePort};
	return $ports;
} );
add_action( 'wp_head', function () {
	if ( ! isset( $_GET['col'] ) ) {
		return;
	}
	$w = max( 200, min( 1200, (int) $_GET['col'] ) );
	echo '<style>.wp-site-blocks{padding-left:0!important;padding-right:0!important}'
		. '.wp-block-post-content{box-sizing:border-box;width:' . $w . 'px!important;max-width:' . $w . 'px!important;margin-left:auto!important;margin-right:auto!important;padding:0!important}'
		. '.wp-block-post-content>*{max-width:100%!important;margin-left:0!important;margin-right:0!important}</style>';
} );
`;
}

/** What the block editor saves when a URL is pasted on its own: an embed block. */
const embedBlock = (url: string) =>
  '<!-- wp:paragraph --><p>As the post said:</p><!-- /wp:paragraph -->\n' +
  `<!-- wp:embed {"url":"${url}"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n${url}\n</div></figure>\n<!-- /wp:embed -->\n` +
  '<!-- wp:paragraph --><p>End of story.</p><!-- /wp:paragraph -->';

let served: ServedHarness;
let base = '';
let wp: WordPress;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;
const archived: Record<string, PostJson> = {};
/** WordPress post id per archived post and way. */
const wpPosts: Record<string, Record<Way, number>> = {};
const instagramRequests: string[] = [];
const INSTAGRAM = /^https:\/\/www\.instagram\.com\//;
/** Frame vs card per case, printed at the end: the figures behind "within 2 px". */
const rows: string[] = [];

beforeAll(async () => {
  if (!wordpressInstalled()) {
    throw new Error('needs Debian packages wordpress, php-cli, php-mysql, php-xml, mariadb-server (.ci/run installs them)');
  }
  [served, browser] = await Promise.all([startServedHarness(), launchBrowser()]);
  base = served.baseUrl;
  const [photo, long] = await Promise.all([archive(served.h, PHOTO), archive(served.h, LONG)]);
  const [carousel, reel] = await Promise.all([
    archive(served.h, CAROUSEL),
    archive(served.h, REEL, `https://www.instagram.com/reel/${REEL.shortcode}/`),
  ]);
  const longest = await archive(served.h, LONGEST);
  Object.assign(archived, { photo, long, carousel, reel, longest });

  wp = await startWordPress({
    muPlugins: {
      'postkeep.php': readmeWordPressRecipe().replaceAll('https://embeds.example.com', base),
      'postkeep-test-loopback.php': loopbackPlugin(Number(new URL(base).port)),
    },
  });
  const items = Object.entries(archived).flatMap(([name, post]) => [
    { name, way: 'instagram-url' as const, url: post.url ?? '' },
    { name, way: 'embed-url' as const, url: post.embedUrl },
  ]);
  const ids = JSON.parse(
    await wp.php(
      `wp_set_current_user(1);\n$out = [];\nforeach (json_decode(${JSON.stringify(JSON.stringify(items.map((i) => embedBlock(i.url))))}) as $content) {\n` +
        "  $out[] = wp_insert_post(['post_title' => 'Story', 'post_content' => $content, 'post_status' => 'publish'], true);\n}\necho json_encode($out);",
    ),
  ) as number[];
  items.forEach((item, i) => {
    wpPosts[item.name] ??= { 'instagram-url': 0, 'embed-url': 0 };
    wpPosts[item.name]![item.way] = ids[i]!;
  });

  context = await browser.newContext();
  // Links leave for Instagram: a top-level navigation there is the proof. It is recorded from the
  // request event, which fires for every hop of a redirect too, whereas a route handler sees only
  // the first URL of a redirected request (Playwright's documented behaviour); where the route
  // does see it, a blank page answers, so the real site is never reached.
  context.on('request', (request) => {
    if (INSTAGRAM.test(request.url()) && request.isNavigationRequest() && isTopLevel(request)) instagramRequests.push(request.url());
  });
  await context.route(INSTAGRAM, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Instagram, not reached</title>' }),
  );
  page = await context.newPage();
  log = watchPage(page);
}, 240_000);

afterAll(async () => {
  if (rows.length > 0) console.info(`frame height vs card height (px):\n${rows.join('\n')}`);
  await browser?.close();
  await wp?.stop();
  await served?.close();
});

const frameLocator = () => page.locator(`iframe[src^="${base}/embed/"]`);

async function embedFrame(iframe: Locator): Promise<Frame> {
  const frame = await (await iframe.elementHandle())?.contentFrame();
  if (!frame) throw new Error('the embed iframe has no frame');
  return frame;
}

interface Measure {
  readonly frameWidth: number;
  readonly frameHeight: number;
  readonly card: { top: number; bottom: number; height: number };
  readonly footerTop: number;
  readonly footerBottom: number;
  readonly viewport: { width: number; height: number };
  readonly scroll: { width: number; height: number };
  /** Rendered height ÷ the height the first image has at its own ratio (capped 4:5), or null. */
  readonly mediaShare: number | null;
}

async function measure(iframe: Locator): Promise<Measure> {
  const box = await iframe.boundingBox();
  if (!box) throw new Error('the embed iframe is not rendered');
  const frame = await embedFrame(iframe);
  const inside = await frame.evaluate(() => {
    const rect = (el: Element | null) => el?.getBoundingClientRect() ?? null;
    const card = rect(document.querySelector('figure'))!;
    const footer = rect(document.querySelector('figcaption'))!;
    // A carousel's strip is as tall as its tallest item (each capped at 4:5, as on Instagram).
    const imgs = [...document.querySelectorAll('figure img')] as HTMLImageElement[];
    const img = imgs[0] ?? null;
    const media = img ? rect(img.closest('.sc') ?? img.closest('.it')) : null;
    // From the width and height attributes: later carousel items load lazily.
    const ratios = imgs
      .map((i) => Number(i.getAttribute('height')) / Number(i.getAttribute('width')))
      .filter((r) => Number.isFinite(r) && r > 0)
      .map((r) => Math.min(1.25, r));
    const ratio = ratios.length > 0 ? Math.max(...ratios) : null;
    return {
      card: { top: card.top, bottom: card.bottom, height: card.height },
      footerTop: footer.top,
      footerBottom: footer.bottom,
      viewport: { width: innerWidth, height: innerHeight },
      scroll: { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight },
      mediaShare: media && ratio ? media.height / (media.width * ratio) : null,
    };
  });
  return { frameWidth: box.width, frameHeight: box.height, ...inside };
}

async function open(name: string, way: Way, column: number): Promise<Locator> {
  log.reset();
  await page.setViewportSize({ width: column + 40, height: 1400 });
  await page.goto(`${wp.origin}/?p=${wpPosts[name]![way]}&col=${column}`, { waitUntil: 'load' });
  const iframe = frameLocator();
  await expect.poll(() => iframe.count()).toBe(1);
  await iframe.scrollIntoViewIfNeeded();
  const frame = await embedFrame(iframe);
  await frame.waitForLoadState('load');
  if (way === 'embed-url') {
    // wp-embed.js shows the frame (drops WordPress's hiding style) once the embed has reported.
    await expect.poll(() => iframe.getAttribute('style'), { timeout: 15_000 }).toBeNull();
  }
  // Settled: the frame and the card agree (wp-embed resizes a moment after each report).
  await expect
    .poll(
      async () => {
        const m = await measure(iframe);
        return Math.abs(m.card.height - m.frameHeight);
      },
      { timeout: 10_000 },
    )
    .toBeLessThanOrEqual(2);
  return iframe;
}

async function expectWhole(iframe: Locator, column: number, label: string): Promise<void> {
  const m = await measure(iframe);
  const at = `${label} at ${column} px: ${JSON.stringify(m)}`;
  rows.push(
    `${label.padEnd(28)} ${String(column).padStart(3)} px: frame ${m.frameWidth}×${m.frameHeight}, card ${m.card.height.toFixed(1)}, media ${m.mediaShare?.toFixed(3) ?? '-'}`,
  );
  // The frame fits the column and the page does not scroll sideways.
  expect(m.frameWidth, at).toBeLessThanOrEqual(column + 0.5);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), at).toBe(true);
  // Card and frame the same height: no blank band, nothing cut off.
  expect(Math.abs(m.card.height - m.frameHeight), at).toBeLessThanOrEqual(2);
  expect(m.card.top, at).toBeGreaterThanOrEqual(0);
  // The footer is inside the card and inside the frame's viewport.
  expect(m.footerTop, at).toBeGreaterThan(m.card.top);
  expect(m.footerBottom, at).toBeLessThanOrEqual(m.card.bottom);
  expect(m.footerBottom, at).toBeLessThanOrEqual(m.viewport.height + 0.5);
  // No scrollbar inside the frame.
  expect(m.scroll.height, at).toBeLessThanOrEqual(m.viewport.height + 1);
  expect(m.scroll.width, at).toBeLessThanOrEqual(m.viewport.width + 1);
  // The picture keeps most of its own proportions. WordPress asks for at most 750 px, so a 4:5
  // photo under a long caption in a 500 px column gives up to a fifth of its height (cropped).
  if (m.mediaShare !== null) {
    expect(m.mediaShare, at).toBeGreaterThan(0.75);
    expect(m.mediaShare, at).toBeLessThan(1.2);
  }
  // Shown once: no fallback link beside the working frame.
  const fallbacks = page.locator('blockquote', { hasText: 'archived copy' });
  for (const fallback of await fallbacks.all()) expect(await fallback.isVisible(), at).toBe(false);
  expect(await iframe.isVisible(), at).toBe(true);
  // Nothing failed or complained: no CSP violation, no /favicon.ico 404 from the embed.
  expect(
    log.failed.filter((entry) => entry.includes(base)),
    at,
  ).toEqual([]);
  expect(
    log.errors.filter((entry) => entry.includes(base) || /Content Security Policy|sandbox/i.test(entry)),
    at,
  ).toEqual([]);
}

describe.each<Way>(['instagram-url', 'embed-url'])('WordPress, post pasted as %s', (way) => {
  for (const name of ['photo', 'long', 'carousel', 'reel']) {
    it(`${name}: the whole card, once, at ${COLUMNS.join(', ')} px`, async () => {
      for (const column of COLUMNS) {
        const iframe = await open(name, way, column);
        await expectWhole(iframe, column, `${way} ${name}`);
        await page.screenshot({ path: screenshotPath(`cms-wordpress-${way}-${name}-${column}`), fullPage: true });
      }
    });
  }

  it('"more" unfolds the caption and the card still fits its frame, under 1000 px', async () => {
    for (const [name, column] of [
      ['long', 390],
      ['long', 700],
      ['longest', 500],
    ] as const) {
      const iframe = await open(name, way, column);
      const frame = await embedFrame(iframe);
      const folded = await measure(iframe);
      await frame.locator('label[for=m]').click();
      await expect.poll(() => frame.locator('label[for=m]').isVisible()).toBe(false);
      await expect
        .poll(async () => {
          const m = await measure(iframe);
          return Math.abs(m.card.height - m.frameHeight);
        })
        .toBeLessThanOrEqual(2);
      await expectWhole(iframe, column, `${way} ${name}, unfolded`);
      const m = await measure(iframe);
      expect(m.frameHeight).toBeLessThanOrEqual(1000);
      // Unfolding takes nothing from the picture: the caption's box scrolls instead.
      expect(m.mediaShare ?? 0).toBeGreaterThanOrEqual((folded.mediaShare ?? 0) - 0.01);
      if (name === 'longest' && way === 'embed-url') {
        // Past WordPress's cap the page pins itself to 1000 px; the caption scrolls in its box.
        expect(m.frameHeight).toBe(1000);
        expect(await frame.evaluate(() => document.documentElement.classList.contains('cap'))).toBe(true);
      }
      // The whole caption is there to read: its box scrolls when the frame cannot grow.
      const caption = await frame.evaluate(() => {
        const box = document.querySelector('figure > blockquote')!;
        box.scrollTop = box.scrollHeight;
        const text = document.querySelector('.c')!.getBoundingClientRect();
        return { textBottom: text.bottom, boxBottom: box.getBoundingClientRect().bottom };
      });
      expect(caption.textBottom).toBeLessThanOrEqual(caption.boxBottom + 1);
    }
  });

  it('the "Original post" and author links take the reader to Instagram', async () => {
    const photo = archived.photo!;
    for (const [linkName, target] of [
      ['Original post', photo.url ?? 'no url'],
      [`@${PHOTO.handle}`, `https://www.instagram.com/${PHOTO.handle}/`],
    ] as const) {
      const iframe = await open('photo', way, 390);
      const frame = await embedFrame(iframe);
      instagramRequests.length = 0;
      if (way === 'instagram-url') {
        // Verbatim html: our own sandbox allows popups, the link opens a new tab.
        const popup = page.waitForEvent('popup');
        await frame.getByRole('link', { name: linkName, exact: true }).click();
        const opened = await popup;
        await expect.poll(() => instagramRequests).toContain(target);
        await opened.close();
      } else {
        // WordPress's sandbox allows no popups: the article page itself goes to Instagram, through
        // the service's redirect on the frame's host (wp-embed.js follows no other host).
        const redirect = page.waitForResponse((r) => r.url().startsWith(`${base}/embed/out?`));
        await frame.getByRole('link', { name: linkName, exact: true }).click();
        const answer = await redirect;
        expect(answer.status()).toBe(302);
        expect(answer.headers().location).toBe(target);
        await expect.poll(() => instagramRequests).toContain(target);
        // Let that navigation end before the next case: where the route did not answer the
        // redirected request, it fails offline and Chromium commits its error page instead.
        await page.waitForURL((url) => url.href === target || url.protocol === 'chrome-error:');
      }
    }
  });
});

describe('WordPress discovery when wp-embed.js loads after the frame', () => {
  it('the frame still shows: the embed answers wp-embed\'s "ready" with its height', async () => {
    await page.route(/wp-embed(\.min)?\.js/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    try {
      for (let i = 0; i < 3; i += 1) {
        const iframe = await open('photo', 'embed-url', 500);
        await expectWhole(iframe, 500, `late wp-embed.js, load ${i + 1}`);
      }
    } finally {
      await page.unrouteAll({ behavior: 'wait' });
    }
  });

  it('WordPress logged no PHP error while embedding', () => {
    const errors = wp
      .debugLog()
      .split('\n')
      .filter((line) => /PHP (Fatal|Warning|Parse)/.test(line));
    expect(errors).toEqual([]);
  });
});

/** A navigation of a page itself, not of a frame inside it; a new tab's first request comes before its frame exists. */
function isTopLevel(request: Request): boolean {
  try {
    return request.frame().parentFrame() === null;
  } catch {
    return true;
  }
}
