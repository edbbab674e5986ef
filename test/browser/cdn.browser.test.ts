import { request as httpRequest } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_PAGE_HEADERS, HEIGHT_SCRIPT_HASH, parseEmbedVariant, toEmbedUrl } from '../../shared/embed/index.js';
import { oembedLinkHeader } from '../../shared/oembed/index.js';
import { type ArticleHost, startArticleHost } from '../support/article-host.js';
import { launchBrowser, type PageLog, watchPage } from '../support/browser.js';
import { type CloudFrontStandIn, policyHeaders, startCloudFront, synthesizedTemplate } from '../support/cloudfront.js';
import { type Harness, startHarness } from '../support/harness.js';
import { freePort, type ServedApp, serveApp } from '../support/serve-app.js';
import { type Archived, archiveAll } from './posts.js';

// biome-ignore lint/suspicious/noExplicitAny: the synthesized template is walked loosely
type Json = Record<string, any>;

/**
 * The reader as deployed: embed pages served the way the synthesized template says CloudFront
 * serves them (its functions' code, its response headers policy, the S3 keys), in Chromium. Every
 * URL the pages carry names this stand-in, so media come through it too.
 */

let h: Harness;
let cdn: CloudFrontStandIn;
let local: ServedApp;
let template: Json;
let browser: Browser;
let page: Page;
let log: PageLog;
let posts: Archived;
let site: ArticleHost;

beforeAll(async () => {
  template = synthesizedTemplate();
  const port = await freePort();
  h = await startHarness({ PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
  [cdn, browser, local] = await Promise.all([
    startCloudFront({
      template,
      objects: h.deps.objects,
      functions: (request) => h.app.fetch(request),
      port,
      parameters: { PublicBaseUrl: `http://127.0.0.1:${port}` },
    }),
    launchBrowser(),
    serveApp(h.app),
  ]);
  posts = await archiveAll(h, cdn.origin);
  site = await startArticleHost();
  page = await (await browser.newContext()).newPage();
  log = watchPage(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await cdn?.close();
  await local?.close();
  await h?.stop();
});

interface Answer {
  status: number;
  link: string | null;
  type: string | null;
  body: string;
}

/** GET with the Host header given (fetch cannot send another host than the URL's). */
function get(url: string, host?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: host ? { host } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          link: (res.headers.link as string | undefined) ?? null,
          type: res.headers['content-type'] ?? null,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function embedPolicy(): Json {
  const config = Object.values(template.Resources as Record<string, Json>).find((r) => r.Type === 'AWS::CloudFront::Distribution')!
    .Properties.DistributionConfig as Json;
  const behavior = (config.CacheBehaviors as Json[]).find((b) => b.PathPattern === '/embed/*')!;
  return template.Resources[behavior.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig as Json;
}

describe('embed pages through the synthesized CloudFront', () => {
  it('carry the response headers policy from the template, the same headers the local reader sends', async () => {
    const [viaCdn, viaLocal] = await Promise.all([
      fetch(posts.photo.embedUrl),
      fetch(posts.photo.embedUrl.replace(cdn.origin, local.baseUrl)),
    ]);
    expect(viaCdn.status).toBe(200);
    for (const header of policyHeaders(embedPolicy())) expect(viaCdn.headers.get(header.name), header.name).toBe(header.value);
    // One source: every header of the embed page, CSP included, is the same both ways.
    for (const [name, value] of Object.entries(EMBED_PAGE_HEADERS)) {
      expect(viaCdn.headers.get(name), `CDN ${name}`).toBe(value);
      expect(viaLocal.headers.get(name), `local ${name}`).toBe(value);
    }
    expect(viaCdn.headers.get('content-security-policy')).toContain(`script-src ${HEIGHT_SCRIPT_HASH}`);
    expect(await viaCdn.text()).toBe(await viaLocal.text());
  });

  it("sends the Link header of the variant served, as the page's <link> tags do; none for a tombstone", async () => {
    const base = cdn.origin;
    for (const query of [{}, { theme: 'dark' }, { theme: 'light', hidecaption: '1' }] as Record<string, string>[]) {
      const search = new URLSearchParams(query).toString();
      const res = await fetch(`${posts.photo.embedUrl}${search ? `?${search}` : ''}`);
      expect(res.status).toBe(200);
      const variant = parseEmbedVariant(query);
      expect(res.headers.get('link')).toBe(oembedLinkHeader(toEmbedUrl(base, posts.photo.id, variant), base));
      const tag = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(await res.text())?.[1];
      const header = /<([^>]+)>; rel="alternate"; type="application\/json\+oembed"/.exec(res.headers.get('link') ?? '')?.[1];
      expect(tag?.replaceAll('&amp;', '&')).toBe(header);
    }
    const tombstone = await fetch(posts.hidden.embedUrl);
    expect(tombstone.status).toBe(200);
    expect(tombstone.headers.get('link')).toBeNull();
    expect([...tombstone.headers.keys()].filter((k) => k.startsWith('x-amz-meta'))).toEqual([]);
    const html = await tombstone.text();
    expect(html).toContain('Hidden');
    expect(html).not.toMatch(/oembed/i);
    const viaLocal = await fetch(posts.hidden.embedUrl.replace(cdn.origin, local.baseUrl));
    expect(viaLocal.status).toBe(200);
    expect(viaLocal.headers.get('link')).toBeNull();
  });

  it('answers a slide the post lacks, an unknown id, a tombstone and any spelling of the query as the local reader does', async () => {
    const carousel = posts.carousel.embedUrl.replace(cdn.origin, '');
    const photo = posts.photo.embedUrl.replace(cdn.origin, '');
    const hidden = posts.hidden.embedUrl.replace(cdn.origin, '');
    const cases: Array<[path: string, status: number]> = [
      [`${carousel}?slide=3`, 200],
      [`${carousel}?img_index=3&theme=DARK`, 200],
      [`${carousel}?slide=4`, 404],
      [`${carousel}?theme=dark&slide=9`, 404],
      [`${photo}?slide=2`, 404],
      [`${photo}?slide=21`, 200],
      [`${photo}?slide=abc&theme=Light&hidecaption=TRUE`, 200],
      [`${photo}/`, 200],
      [`${hidden}?slide=7&theme=light`, 200],
      ['/embed/abcdef0123456789abcd', 404],
      ['/embed/ABCDEF0123456789ABCD', 404],
      ['/embed/not-an-id', 404],
      ['/embed/', 404],
    ];
    for (const [path, status] of cases) {
      const [viaCdn, viaLocal] = await Promise.all([get(`${cdn.origin}${path}`), get(`${local.baseUrl}${path}`)]);
      const at = `${path}: CDN ${viaCdn.status} ${viaCdn.body.slice(0, 80)} / local ${viaLocal.status} ${viaLocal.body.slice(0, 80)}`;
      expect([viaCdn.status, viaLocal.status], at).toEqual([status, status]);
      expect(viaCdn.link, at).toBe(viaLocal.link);
      if (status === 200) {
        expect(viaCdn.body, at).toBe(viaLocal.body);
        expect(viaCdn.type, at).toBe(viaLocal.type);
      }
    }
    // In Chromium: the same answer, and no card from another variant in its place.
    for (const origin of [cdn.origin, local.baseUrl]) {
      const opened = await page.goto(`${origin}${carousel}?theme=dark&slide=9`);
      expect(opened?.status(), origin).toBe(404);
      expect(await page.locator('figure').count(), origin).toBe(0);
    }
    // oEmbed names the carousel's last slide for a slide beyond it: a page both serve.
    const answer = (await (await fetch(`${cdn.origin}/oembed?url=${encodeURIComponent(`${posts.carousel.embedUrl}?slide=9`)}`)).json()) as {
      html: string;
    };
    const src = /<iframe src="([^"]+)"/.exec(answer.html)?.[1] ?? '';
    expect(src).toBe(`${posts.carousel.embedUrl}?slide=3`);
    for (const origin of [cdn.origin, local.baseUrl]) expect((await get(src.replace(cdn.origin, origin))).status).toBe(200);
  });

  it('names PUBLIC_BASE_URL in the Link header whatever host was asked, as the local reader and the page do', async () => {
    const path = `${posts.photo.embedUrl.replace(cdn.origin, '')}?theme=dark`;
    const expected = oembedLinkHeader(`${posts.photo.embedUrl}?theme=dark`, cdn.origin);
    for (const host of [undefined, new URL(cdn.origin).host.toUpperCase(), 'postkeep-alias.example.net']) {
      const [viaCdn, viaLocal] = await Promise.all([get(`${cdn.origin}${path}`, host), get(`${local.baseUrl}${path}`, host)]);
      expect([viaCdn.status, viaLocal.status], String(host)).toEqual([200, 200]);
      expect(viaCdn.link, String(host)).toBe(expected);
      expect(viaLocal.link, String(host)).toBe(expected);
      // The oEmbed URL it names is one the oEmbed function answers.
      const json = /<([^>]+)>; rel="alternate"; type="application\/json\+oembed"/.exec(viaCdn.link ?? '')?.[1] ?? '';
      expect((await fetch(json)).status, json).toBe(200);
    }
    // Named after the host asked, it would be an oEmbed URL the function does not resolve.
    const aliased = `https://postkeep-alias.example.net${path}`;
    expect((await fetch(`${cdn.origin}/oembed?url=${encodeURIComponent(aliased)}`)).status).toBe(404);
  });

  it('answers the outbound path with a redirect to Instagram only', async () => {
    const to = posts.photo.url ?? '';
    const ok = await fetch(`${cdn.origin}/embed/out?to=${encodeURIComponent(to)}`, { redirect: 'manual' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(to);
    const evil = await fetch(`${cdn.origin}/embed/out?to=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
    expect(evil.status).toBe(404);
    expect(evil.headers.get('location')).toBeNull();
    for (const target of [to, 'https://evil.example/']) {
      const [a, b] = await Promise.all(
        [cdn.origin, local.baseUrl].map((o) => fetch(`${o}/embed/out?to=${encodeURIComponent(target)}`, { redirect: 'manual' })),
      );
      expect([a!.status, a!.headers.get('location')]).toEqual([b!.status, b!.headers.get('location')]);
    }
  });

  it('opened on its own: no failed request (no /favicon.ico 404), no CSP report, nothing from elsewhere', async () => {
    for (const post of [posts.photo, posts.carousel, posts.hidden]) {
      log.reset();
      await page.setViewportSize({ width: 600, height: 900 });
      await page.goto(post.embedUrl, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      expect(log.failed).toEqual([]);
      expect(log.errors).toEqual([]);
      expect(log.requests.filter((u) => !u.startsWith(`${cdn.origin}/`) && !u.startsWith('data:'))).toEqual([]);
    }
  });

  it("runs the height script under the CDN's CSP: a framed page reports its card's height", async () => {
    for (const post of [posts.photo, posts.long, posts.carousel]) {
      const path = `/article-${post.id}`;
      site.articles.set(
        path,
        '<!doctype html><html><head><meta charset="utf-8"><script>window.reports=[];addEventListener("message",function(e){if(e.data&&e.data.message==="height")reports.push(e.data)})</script></head>' +
          `<body style="margin:0"><iframe src="${post.embedUrl}#?secret=CdnCheck42" width="400" height="300" sandbox="allow-scripts" style="border:0"></iframe></body></html>`,
      );
      log.reset();
      await page.goto(`${site.origin}${path}`, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as unknown as { reports: unknown[] }).reports.length > 0, undefined, { timeout: 10_000 });
      const reports = await page.evaluate(() => (window as unknown as { reports: Array<{ value: number; secret: string }> }).reports);
      const frame = page.frames().find((f) => f.url().startsWith(post.embedUrl))!;
      const card = await frame.evaluate(() => Math.ceil(document.querySelector('figure')!.getBoundingClientRect().height));
      expect(reports.at(-1)?.secret).toBe('CdnCheck42');
      expect(Math.abs((reports.at(-1)?.value ?? 0) - card)).toBeLessThanOrEqual(1);
      expect(log.errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
      expect(log.failed).toEqual([]);
    }
  });

  it('serves media through the /media/* behaviour with its policy', async () => {
    const url = posts.photo.media[0]!.url;
    expect(url.startsWith(`${cdn.origin}/media/`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\//);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${cdn.origin}/media/0000/none.jpg`)).status).toBe(404);
  });
});
