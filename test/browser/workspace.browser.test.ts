import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PageLog, screenshotPath, watchPage } from '../support/browser.js';
import { readFixture } from '../support/fixtures.js';
import { API_KEY } from '../support/harness.js';
import { type ServedHarness, startServedHarness } from '../support/serve-app.js';
import { PHOTO, REEL } from './posts.js';

/**
 * The editors' workspace driven as an editor would, by the accessible names of CONTRACT.md, in
 * Debian's Chromium against the real stack (dynalite, s3rver, the fake Instagram on loopback).
 * Controls are reached with the keyboard (focus, type, Enter/Space); nothing is clicked by
 * coordinates. Every page is checked with axe and shot at 1280 and 360 px, light and dark.
 */
let served: ServedHarness;
let browser: Browser;
let base = '';
let editor: BrowserContext;
let page: Page;
let log: PageLog;
const GONE = 'CgoneGone11';
const BIKE = 'BjyihedFlTz';
const screens: string[] = [];
const axeFindings: string[] = [];

// 07.html: v8 English embed of BjyihedFlTz (live on the fake); 31.html: a v14 German embed of a
// post the fake says is gone; then the leftover text of a dead embed.
const ARTICLE = `<!doctype html><html><head><title>Tour diary</title></head><body>
<h1>Tour diary</h1><p>It started in Tokyo.</p>
${readFixture('instagram', 'embeds', '07.html')}
<p>Then came the bad news:</p>
${readFixture('instagram', 'embeds', '31.html')}
<p>View this post on Instagram</p><p>Sunset over the harbour, last night of the tour</p><p>A post shared by Mara Quinn (@mara.quinn) on Feb 15, 2020 at 4:21pm PST</p>
</body></html>`;

beforeAll(async () => {
  [served, browser] = await Promise.all([startServedHarness(), launchBrowser()]);
  base = served.baseUrl;
  served.h.fake.addPost(PHOTO);
  served.h.fake.addPost(REEL);
  served.h.fake.setPages(GONE, { kind: 'gone' });
  served.h.fake.addPost({
    shortcode: BIKE,
    handle: '1000ch',
    name: 'Shogo Sensui',
    caption: 'Finally. #納車 #tokyobike',
    items: [{ type: 'image', width: 640, height: 640, path: '/v/bike.jpg' }],
  });
  editor = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  page = await editor.newPage();
  log = watchPage(page);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

type Scope = Page | Locator;
const pageOf = (scope: Scope): Page => ('keyboard' in scope ? scope : scope.page());

/** Keyboard only: focus the control by its name, then type or press as a person would. */
async function typeInto(scope: Scope, label: string, text: string): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  await field.focus();
  await field.fill('');
  await pageOf(scope).keyboard.insertText(text);
}
async function press(scope: Scope, name: string, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await scope.getByRole('button', { name, exact: true }).focus();
  await pageOf(scope).keyboard.press(key);
}

/** axe (serious and critical findings) in both colour schemes, and the page shot in four variants. */
async function check(name: string, target: Page = page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await target.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page: target }).analyze();
    for (const violation of results.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        axeFindings.push(`${name} (${scheme}): ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      }
    }
  }
  for (const width of [1280, 360]) {
    await target.setViewportSize({ width, height: 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await target.emulateMedia({ colorScheme: scheme });
      const path = screenshotPath(`workspace-${name}-${width}-${scheme}`);
      await target.screenshot({ path, fullPage: true });
      screens.push(path);
    }
    if (width === 360) {
      const overflow = await target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
    }
  }
  await target.setViewportSize({ width: 1280, height: 900 });
  await target.emulateMedia({ colorScheme: 'light' });
}

function cspErrors(): string[] {
  return log.errors.filter((error) => /Content Security Policy|Refused to/i.test(error));
}

describe('the editors workspace in Chromium', () => {
  let photoId = '';

  it('signs in with a personal key', async () => {
    await page.goto(`${base}/app`);
    await check('sign-in');
    await typeInto(page, 'API key', API_KEY);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/app`);
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    const cookies = await editor.cookies();
    expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly, cookie.sameSite])).toEqual([['pk_session', true, 'Strict']]);
  });

  it('archives three URLs, one gone, each line with its own outcome, card and embed code', async () => {
    await typeInto(
      page,
      'Post URL',
      [
        `https://www.instagram.com/p/${PHOTO.shortcode}/?igsh=abc`,
        `https://www.instagram.com/reel/${REEL.shortcode}/`,
        `https://instagram.com/p/${GONE}/`,
      ].join('\n'),
    );
    await press(page, 'Archive');
    await expect.poll(() => page.locator('#archive-progress').textContent(), { timeout: 30_000 }).toBe('Done: 3 of 3 lines.');
    const outcomes = await page
      .locator('#archive-results > li')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.outcome));
    expect(outcomes).toEqual(['Archived', 'Archived', 'Gone']);
    expect(await page.locator('#archive-results iframe').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Copy embed code', exact: true }).count()).toBe(2);
    const citation = await page.locator('#archive-results .cite').first().textContent();
    expect(citation).toContain(`https://www.instagram.com/p/${PHOTO.shortcode}/`);
    expect(citation).toContain(`${base}/embed/`);
    // The embed code fields carry the iframe form, the inline form and the oEmbed URL.
    await page.locator('#archive-results details summary').first().focus();
    expect(await page.locator('#archive-results details').first().getAttribute('open')).toBeNull();
    await page.keyboard.press('Enter');
    expect(await page.locator('#line0-iframe').inputValue()).toContain('<iframe ');
    expect(await page.locator('#line0-inline').inputValue()).toMatch(/^<figure /);
    expect(await page.locator('#line0-oembed').inputValue()).toContain(`${base}/oembed?url=`);
    await editor.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await press(page.locator('#archive-results > li').first(), 'Copy embed code');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('<iframe ');
    await check('archive');
    expect(cspErrors()).toEqual([]);
  });

  it('finds the post in the library by a handle prefix and opens it', async () => {
    await page.goto(`${base}/app/library`);
    expect(await page.locator('.card').count()).toBe(2);
    await typeInto(page, 'Search', 'conn');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=conn/);
    const links = page.locator('.card a.title');
    expect(await links.allTextContents()).toEqual([`${PHOTO.name} (@${PHOTO.handle})`]);
    await check('library');
    await links.first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/posts\//);
    photoId = page.url().split('/app/posts/')[1]!.split('?')[0]!;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`${PHOTO.name} (@${PHOTO.handle})`);
    expect(await page.locator('iframe[title="Card, light theme"]').count()).toBe(1);
    expect(await page.locator('iframe[title="Card, dark theme"]').count()).toBe(1);
  });

  it('corrects the alt text, and the versions say what changed', async () => {
    await typeInto(page, 'Alt text for image 1', 'Two surfers on a beach at dusk');
    await press(page, 'Save corrections');
    await page.waitForURL(/done=corrected/);
    expect(await page.getByRole('status').first().textContent()).toContain('Corrections saved.');
    const row = page.getByRole('row', { name: /Image 1 alt text/ });
    expect(await row.textContent()).toContain('Two surfers on a beach at dusk');
    expect(await row.textContent()).toContain('corrected by an editor');
    const versions = await page.getByRole('list', { name: 'Versions' }).textContent();
    expect(versions).toContain('Version 2');
    expect(versions).toContain('Two surfers on a beach at dusk');
    const embed = await (await fetch(`${base}/embed/${photoId}`)).text();
    expect(embed).toContain('alt="Two surfers on a beach at dusk"');
  });

  it('re-checks the post on Instagram now', async () => {
    const before = served.h.fake.requests.length;
    await press(page, 'Re-check');
    await page.waitForURL(/done=refreshed/);
    expect(await page.getByRole('status').first().textContent()).toContain('Re-checked');
    expect(served.h.fake.requests.length).toBeGreaterThan(before);
    expect(await page.getByRole('heading', { name: 'Evidence' }).count()).toBe(1);
    const evidence = page.locator('a[download][href*="/evidence/"]');
    expect(await evidence.count()).toBeGreaterThan(0);
    const download = await fetch(`${base}${await evidence.first().getAttribute('href')}`, {
      headers: { Cookie: (await editor.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    await check('post');
  });

  it('hides the post with a notice after confirming, then unhides it', async () => {
    await press(page, 'Hide');
    const dialog = page.getByRole('dialog', { name: 'Hide this post?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await typeInto(dialog, 'Reason', 'Takedown request from the author');
    await typeInto(dialog, 'Notice from', 'Connor Jessup, by email');
    await typeInto(dialog, 'What the notice asks', 'Remove the photo from the archive');
    await check('post-hide-dialog');
    await press(dialog, 'Hide');
    await page.waitForURL(/done=hidden/);
    expect(await page.locator('.chip.s-hidden').first().textContent()).toBe('Hidden');
    expect(await (await fetch(`${base}/embed/${photoId}`)).text()).not.toContain('Two surfers');

    await press(page, 'Unhide');
    const unhide = page.getByRole('dialog', { name: 'Unhide this post?' });
    await expect.poll(() => unhide.isVisible()).toBe(true);
    await press(unhide, 'Unhide');
    await page.waitForURL(/done=unhidden/);
    expect(await page.locator('.chip.s-live').first().textContent()).toBe('Live');
  });

  it('purges the post as admin, after hiding it again and confirming', async () => {
    await press(page, 'Hide');
    const hide = page.getByRole('dialog', { name: 'Hide this post?' });
    await typeInto(hide, 'Reason', 'Second request, with a court order');
    await press(hide, 'Hide');
    await page.waitForURL(/done=hidden/);
    const purge = page.getByRole('dialog', { name: 'Purge this post for good?' });
    await press(page, 'Purge');
    await expect.poll(() => purge.isVisible()).toBe(true);
    // Cancel first: nothing happens.
    await press(purge, 'Cancel');
    await expect.poll(() => purge.isVisible()).toBe(false);
    await press(page, 'Purge');
    await typeInto(purge, 'Reason', 'Court order 2026-114');
    await press(purge, 'Purge');
    await page.waitForURL(/done=purged/);
    expect(await page.getByRole('status').first().textContent()).toContain('Purged');
    expect(await page.getByRole('button', { name: 'Unhide', exact: true }).count()).toBe(0);
    const audit = await page.getByRole('heading', { name: 'Activity on this post' }).count();
    expect(audit).toBe(1);
    const actions = await page.locator('table .chip').allTextContents();
    expect(actions, JSON.stringify(actions)).toEqual(
      expect.arrayContaining(['post.capture', 'post.correct', 'post.hide', 'post.unhide', 'post.purge']),
    );
  });

  it('rescues an article with two embeds and a leftover, flags the uncertain ones, and gives the rewritten article', async () => {
    await page.goto(`${base}/app/rescue`);
    const field = page.getByLabel('Article', { exact: true });
    await field.focus();
    await field.fill(ARTICLE);
    await press(page, 'Rescue');
    await expect.poll(() => page.locator('#rescue-progress').textContent(), { timeout: 60_000 }).toBe('Done.');
    const rows = page.getByRole('list', { name: 'Posts found' }).locator('> li');
    expect(await rows.count()).toBe(3);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain('Found as: Instagram embed (blockquote)');
    expect(texts[0]).toContain('Archived from Instagram');
    expect(texts[2]).toContain('Found as: leftover text of a dead embed');
    const flags = await rows.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.review));
    expect(flags).toEqual(['no', 'yes', 'yes']);
    const rewritten = await page.getByLabel('Rescued article', { exact: true }).inputValue();
    expect((rewritten.match(new RegExp(`${base}/embed/`, 'g')) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(rewritten).not.toContain('instagram.com/embed.js');
    expect(await page.locator('a[download="article.rescued.html"]').getAttribute('href')).toMatch(/^blob:/);
    await check('rescue');
    expect(cspErrors()).toEqual([]);
  });

  it('shows the audit log and the posts found removed since the last visit', async () => {
    served.h.fake.setPages(REEL.shortcode, { kind: 'gone' });
    const reel = (await (await served.h.api('GET', `/api/posts?q=${REEL.shortcode}`)).json()) as { items: Array<{ id: string }> };
    expect((await served.h.api('POST', `/api/posts/${reel.items[0]!.id}/refresh`)).status).toBe(200);
    await page.goto(`${base}/app/activity`);
    const removed = page.getByRole('list', { name: 'Removed posts' });
    expect(await removed.textContent()).toContain(`@${REEL.handle}`);
    expect(await page.locator('table .chip').allTextContents()).toEqual(expect.arrayContaining(['post.purge', 'post.capture']));
    await check('activity');
    await page.reload();
    expect(await page.getByRole('list', { name: 'Removed posts' }).count()).toBe(0);
  });

  let viewerKey = '';
  it('adds a viewer, whose key is shown once', async () => {
    await page.goto(`${base}/app/people`);
    await typeInto(page, 'Name', 'Vera Viewer');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await press(page, 'Add person');
    await expect.poll(() => page.locator('#new-key').count()).toBe(1);
    viewerKey = ((await page.locator('#new-key').textContent()) ?? '').trim();
    expect(viewerKey).toMatch(/^pkp_/);
    expect(await page.getByRole('list', { name: 'People' }).textContent()).toContain('Vera Viewer');
    await check('people');
  });

  it('lets the viewer read and copy, shows no button it may not use, and the API refuses it anyway', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await context.newPage();
    await viewer.goto(`${base}/app`);
    await typeInto(viewer, 'API key', viewerKey);
    await viewer.keyboard.press('Enter');
    await viewer.waitForURL(`${base}/app/library`);
    const nav = await viewer.getByRole('navigation', { name: 'Workspace' }).textContent();
    expect(nav).toContain('Library');
    expect(nav).not.toContain('Archive');
    expect(nav).not.toContain('Rescue');
    expect(nav).not.toContain('People');
    await viewer.locator('.card a.title').first().focus();
    await viewer.keyboard.press('Enter');
    await viewer.waitForURL(/\/app\/posts\//);
    for (const name of ['Re-check', 'Hide', 'Unhide', 'Purge', 'Save corrections']) {
      expect(await viewer.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await viewer.getByRole('button', { name: 'Copy embed code', exact: true }).count()).toBe(1);
    const refused = await viewer.evaluate(async () => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf };
      const capture = await fetch('/api/posts', {
        method: 'POST',
        headers,
        body: JSON.stringify({ url: 'https://www.instagram.com/p/B8kFzL2hXYZ/' }),
      });
      const people = await fetch('/api/people');
      return [capture.status, people.status];
    });
    expect(refused).toEqual([403, 403]);
    expect((await viewer.goto(`${base}/app/people`))?.status()).toBe(403);
    expect((await viewer.goto(`${base}/app/rescue`))?.status()).toBe(403);
    await context.close();
  });

  it('reaches the sign-in field and the archive button with Tab alone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const keyboard = await context.newPage();
    await keyboard.goto(`${base}/app`);
    const focused = () => keyboard.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || '');
    for (let i = 0; i < 6 && (await focused()) !== 'key'; i += 1) await keyboard.keyboard.press('Tab');
    expect(await focused()).toBe('key');
    await keyboard.keyboard.type(API_KEY);
    await keyboard.keyboard.press('Enter');
    await keyboard.getByRole('button', { name: 'Sign out' }).waitFor();
    for (let i = 0; i < 20 && (await focused()) !== 'urls'; i += 1) await keyboard.keyboard.press('Tab');
    expect(await focused()).toBe('urls');
    await keyboard.keyboard.type(`https://www.instagram.com/p/${PHOTO.shortcode}/`);
    await keyboard.keyboard.press('Tab');
    expect(await focused()).toBe('Archive');
    await keyboard.keyboard.press('Enter');
    await expect.poll(() => keyboard.locator('#archive-progress').textContent(), { timeout: 30_000 }).toBe('Done: 1 of 1 line.');
    expect(await keyboard.locator('#archive-results > li').getAttribute('data-outcome')).toBe('Already archived');
    await context.close();
  });

  it('found no serious or critical accessibility problem and no CSP violation on any page', () => {
    expect(axeFindings).toEqual([]);
    expect(cspErrors()).toEqual([]);
    expect(log.dialogs).toEqual([]);
    expect(screens.length).toBe(8 * 4);
  });
});
