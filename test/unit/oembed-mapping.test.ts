import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { estimateEmbedHeight } from '../../shared/embed/estimate-height.js';
import { toInlineHtml } from '../../shared/oembed/inline-html.js';
import { oembedLinkHeader } from '../../shared/oembed/link-header.js';
import { type OEmbed, toOEmbed } from '../../shared/oembed/to-oembed.js';
import { escapeXml, toOEmbedXml } from '../../shared/oembed/xml.js';
import type { StoredMedia } from '../../shared/post/post.js';
import { readFixture } from '../support/fixtures.js';
import { postRecord, storedImage } from '../support/records.js';

const BASE = 'https://embed.example.org';
const EMBED = `${BASE}/embed/ig_B8kFzL2hXYZ`;
const BLNS = JSON.parse(readFixture('security', 'blns.json')) as string[];
const AUTO = { theme: 'auto', hideCaption: false, slide: 1 } as const;

const image = (n: number, ratio = 1.25): StoredMedia => storedImage(n, ratio);

const post = postRecord;

const hash = image(1).hash;

/** The frame's height at a column `w` px wide, from the html's own CSS (what a browser computes). */
function frameHeightAt(html: string, w: number): number {
  const $ = load(html, null, false);
  const wrapper = $('div.postkeep-embed');
  const maxWidth = Number(/max-width:(\d+)px/.exec(wrapper.attr('style') ?? '')?.[1]);
  const padding = /padding-bottom:([^;]+)/.exec(wrapper.children('div').attr('style') ?? '')?.[1] ?? '';
  const width = Math.min(w, maxWidth);
  const linear = /calc\(([\d.]+)% \+ (-?\d+)px\)/.exec(padding);
  const fixed = /^(?:min\()?(-?\d+)px/.exec(padding);
  const height = linear ? (Number(linear[1]) / 100) * width + Number(linear[2]) : Number(fixed?.[1]);
  const cap = /, (\d+)px\)$/.exec(padding);
  return cap ? Math.min(height, Number(cap[1])) : height;
}

/** What WordPress's wp_filter_oembed_result keeps of an unknown provider's html (wp-includes/embed.php). */
function wordpressFilter(html: string): string | null {
  const allowed: Record<string, string[]> = {
    a: ['href'],
    blockquote: [],
    iframe: ['src', 'width', 'height', 'frameborder', 'marginwidth', 'marginheight', 'scrolling', 'title'],
  };
  const $ = load(html, null, false);
  $('*').each((_, el) => {
    if (el.type !== 'tag') return;
    const keep = allowed[el.name];
    if (!keep) {
      $(el).replaceWith($(el).contents());
      return;
    }
    for (const name of Object.keys(el.attribs)) if (!keep.includes(name)) $(el).removeAttr(name);
  });
  const kept = $.html();
  const match = /(<blockquote>.*?<\/blockquote>)?.*(<iframe.*?><\/iframe>)/s.exec(kept);
  if (!match?.[2]) return null;
  return (match[1] ?? '') + match[2];
}

describe('toOEmbed', () => {
  it('maps a photo post to a rich answer', () => {
    const o = toOEmbed(post(), { baseUrl: BASE });
    const height = Math.ceil(frameHeightAt(o.html, 540));
    expect(o).toEqual({
      version: '1.0',
      type: 'rich',
      provider_name: 'postkeep',
      provider_url: BASE,
      title: 'Behind the scenes 🎬',
      author_name: 'Connor Jessup',
      author_url: 'https://www.instagram.com/connorwjessup/',
      html: expect.any(String),
      width: 540,
      height,
      thumbnail_url: `${BASE}/media/${hash}/640.jpg`,
      thumbnail_width: 640,
      thumbnail_height: 800,
      cache_age: 86400,
    });
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
  });

  it('builds one html for verbatim hosts and for WordPress: hidden blockquote, then a wrapper that sizes the iframe', () => {
    const o = toOEmbed(post(), { baseUrl: BASE });
    const $ = load(o.html, null, false);
    expect($('blockquote.postkeep-embed a').attr('href')).toBe(EMBED);
    expect($('blockquote.postkeep-embed').text()).toBe('Post by Connor Jessup (@connorwjessup) (archived copy)');
    // Verbatim, the fallback never shows beside the frame.
    expect($('blockquote.postkeep-embed').attr('style')).toBe('display:none');
    expect($('div.postkeep-embed').attr('style')).toBe('width:100%;max-width:540px');
    expect($('iframe').attr()).toEqual({
      src: EMBED,
      width: '100%',
      height: String(o.height),
      title: 'Post by @connorwjessup',
      frameborder: '0',
      scrolling: 'no',
      sandbox: 'allow-scripts allow-popups allow-popups-to-escape-sandbox',
      loading: 'lazy',
      style: 'position:absolute;top:0;left:0;width:100%;height:100%;border:0',
    });
    expect(o.html.indexOf('<blockquote')).toBeLessThan(o.html.indexOf('<iframe'));
    const filtered = wordpressFilter(o.html);
    expect(filtered).not.toBeNull();
    const wp = load(filtered ?? '', null, false);
    expect(wp('iframe').attr('src')).toBe(EMBED);
    expect(wp('iframe').attr('width')).toBe('100%');
    expect(wp('iframe').attr('height')).toBe(String(o.height));
    // Sanitised, the blockquote loses its style and is WordPress's fallback until the frame reports.
    expect(wp('blockquote').attr('style')).toBeUndefined();
    expect(wp('blockquote a').attr('href')).toBe(EMBED);
  });

  it('sizes the frame at least as tall as the card at every column from 320 px to its width, and no more than 48 px taller', () => {
    const posts = [
      post(),
      post({ media: [] }),
      post({ media: [image(1, 1), image(2, 0.52)] }),
      post({ caption: 'long caption '.repeat(60) }),
    ];
    for (const p of posts) {
      for (const maxwidth of [540, 500, 400, 320]) {
        const o = toOEmbed(p, { baseUrl: BASE, maxwidth });
        for (let w = 320; w <= 700; w += 10) {
          const at = Math.min(w, o.width);
          const card = estimateEmbedHeight(p, at, AUTO);
          const frame = frameHeightAt(o.html, w);
          expect(frame, `maxwidth ${maxwidth} column ${w}`).toBeGreaterThanOrEqual(card - 1);
          expect(frame, `maxwidth ${maxwidth} column ${w}`).toBeLessThanOrEqual(card + 48);
        }
      }
    }
  });

  it('points the iframe at the requested variant', () => {
    const o = toOEmbed(post(), { baseUrl: BASE, variant: { theme: 'dark', hideCaption: true, slide: 1 } });
    expect(load(o.html)('iframe').attr('src')).toBe(`${EMBED}?theme=dark&hidecaption=1`);
    expect(o.height).toBeLessThan(toOEmbed(post(), { baseUrl: BASE }).height);
    expect(o.height).toBeGreaterThanOrEqual(estimateEmbedHeight(post(), 540, { theme: 'dark', hideCaption: true, slide: 1 }));
  });

  it.each<[number | undefined, number | undefined]>([
    [undefined, undefined],
    [1000, undefined],
    [540, undefined],
    [400, undefined],
    [200, undefined],
    [150, undefined],
    [undefined, 300],
    [320, 900],
    [320, 100],
    [1, 1],
    [Number.NaN, -5],
  ])('maxwidth %s, maxheight %s are never exceeded', (maxwidth, maxheight) => {
    for (const p of [post(), post({ media: [] }), post({ media: [image(1, 1.9), image(2, 0.52)] })]) {
      const o = toOEmbed(p, { baseUrl: BASE, maxwidth, maxheight });
      expect(Number.isInteger(o.width) && Number.isInteger(o.height)).toBe(true);
      expect(o.width).toBeGreaterThan(0);
      expect(o.height).toBeGreaterThan(0);
      const mw = maxwidth !== undefined && maxwidth >= 1 ? maxwidth : 540;
      expect(o.width).toBe(Math.min(540, mw));
      if (maxheight !== undefined && maxheight >= 1) expect(o.height).toBeLessThanOrEqual(maxheight);
      if (o.thumbnail_width !== undefined) {
        if (maxwidth !== undefined && maxwidth >= 1) expect(o.thumbnail_width).toBeLessThanOrEqual(maxwidth);
        if (maxheight !== undefined && maxheight >= 1) expect(o.thumbnail_height).toBeLessThanOrEqual(maxheight);
      }
      const iframe = load(o.html)('iframe');
      expect(iframe.attr('width')).toBe('100%');
      expect(iframe.attr('height')).toBe(String(o.height));
      expect(load(o.html)('div.postkeep-embed').attr('style')).toBe(`width:100%;max-width:${o.width}px`);
      expect(Math.ceil(frameHeightAt(o.html, 2000))).toBe(o.height);
    }
  });

  it('caps the height at maxheight in the CSS too; the page inside fits itself to it, so nothing scrolls', () => {
    const free = toOEmbed(post(), { baseUrl: BASE });
    const capped = toOEmbed(post(), { baseUrl: BASE, maxheight: 400 });
    expect(free.height).toBeGreaterThan(400);
    expect(capped.height).toBe(400);
    expect(frameHeightAt(capped.html, 540)).toBe(400);
    expect(load(capped.html)('iframe').attr('scrolling')).toBe('no');
  });

  it('narrows the height with the width', () => {
    expect(toOEmbed(post(), { baseUrl: BASE, maxwidth: 320 }).height).toBeLessThan(toOEmbed(post(), { baseUrl: BASE }).height);
  });

  it.each<[number | undefined, number | undefined, [string, number, number] | null]>([
    [undefined, undefined, ['640.jpg', 640, 800]],
    [700, undefined, ['640.jpg', 640, 800]],
    [400, undefined, ['320.jpg', 320, 400]],
    [undefined, 500, ['320.jpg', 320, 400]],
    [2000, 2000, ['640.jpg', 640, 800]],
    [300, undefined, null],
  ])('thumbnail for maxwidth %s maxheight %s', (maxwidth, maxheight, expected) => {
    const o = toOEmbed(post(), { baseUrl: BASE, maxwidth, maxheight });
    const triplet = [o.thumbnail_url, o.thumbnail_width, o.thumbnail_height];
    expect(triplet).toEqual(
      expected ? [`${BASE}/media/${hash}/${expected[0]}`, expected[1], expected[2]] : [undefined, undefined, undefined],
    );
    expect(Object.keys(o).filter((k) => k.startsWith('thumbnail_'))).toHaveLength(expected ? 3 : 0);
  });

  it('omits the thumbnail triplet for text-only and hidden posts', () => {
    const hidden = post({ status: 'hidden', hidden: { reason: 'takedown', at: '2026-11-21T00:00:00.000Z' } });
    for (const p of [post({ media: [] }), hidden]) {
      const o = toOEmbed(p, { baseUrl: BASE });
      expect(Object.keys(o).some((k) => k.startsWith('thumbnail'))).toBe(false);
    }
  });

  it('does not leak a hidden caption in the title or html', () => {
    const o = toOEmbed(post({ status: 'hidden', hidden: { reason: 'takedown', at: '2026-11-21T00:00:00.000Z' } }), { baseUrl: BASE });
    expect(o.title).toBe('Post by @connorwjessup');
    expect(JSON.stringify(o)).not.toContain('Behind the scenes');
  });

  it.each<[string | null, string]>([
    ['One line', 'One line'],
    ['\n\n  Second line first  \nthird', 'Second line first'],
    [`${'a'.repeat(150)}`, `${'a'.repeat(99)}…`],
    [`${'😀'.repeat(120)}`, `${'😀'.repeat(99)}…`],
    [null, 'Post by @connorwjessup'],
    ['   ', 'Post by @connorwjessup'],
  ])('title of caption %j', (caption, title) => {
    const o = toOEmbed(post({ caption }), { baseUrl: BASE });
    expect(o.title).toBe(title);
    expect([...o.title].length).toBeLessThanOrEqual(100);
  });

  it.each<[{ handle: string | null; name: string | null }, string | undefined, string | undefined]>([
    [{ handle: 'connorwjessup', name: 'Connor Jessup' }, 'Connor Jessup', 'https://www.instagram.com/connorwjessup/'],
    [{ handle: 'connorwjessup', name: null }, '@connorwjessup', 'https://www.instagram.com/connorwjessup/'],
    [{ handle: null, name: 'Connor Jessup' }, 'Connor Jessup', undefined],
    [{ handle: null, name: null }, undefined, undefined],
  ])('author %o', (author, name, url) => {
    const o = toOEmbed(post({ author }), { baseUrl: BASE });
    expect(o.author_name).toBe(name);
    expect(o.author_url).toBe(url);
  });

  it('keeps hostile captions and names as text in html, JSON and XML', () => {
    for (const s of BLNS) {
      const o = toOEmbed(post({ caption: s, author: { handle: 'connorwjessup', name: s } }), { baseUrl: BASE });
      const $ = load(o.html, null, false);
      expect($('script, style, object, embed').length).toBe(0);
      $('*').each((_, el) => {
        if (el.type !== 'tag') return;
        for (const name of Object.keys(el.attribs)) expect(name.startsWith('on')).toBe(false);
      });
      expect($('a').attr('href')).toBe(EMBED);
      expect($('iframe').attr('src')).toBe(EMBED);
      // Names in the html carry no markup characters at all: some consumers entity-decode it.
      const plain = s.replace(/[&<>"'`]/g, '').trim();
      if (plain !== '') expect($('blockquote').text(), JSON.stringify(s)).toBe(`Post by ${plain} (@connorwjessup) (archived copy)`);
      expect($('blockquote').text()).not.toMatch(/[<>&"'`]/);
      expect(JSON.parse(JSON.stringify(o)).html).toBe(o.html);

      const xml = toOEmbedXml(o);
      const x = load(xml, { xml: true });
      expect(x('oembed').length).toBe(1);
      // XML 1.0 has no way to carry C0 controls or U+FFFE: those (and only those) become U+FFFD.
      expect(x('oembed > author_name').text(), JSON.stringify(s)).toBe(
        (o.author_name ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd'),
      );
      expect(x('oembed > html').children().length).toBe(0);
      expect(xml).not.toMatch(/<(?!\/?[a-z_]+>|\?xml)/);
    }
  });
});

describe('toOEmbedXml', () => {
  it('writes every field as an escaped element', () => {
    const o = toOEmbed(post({ caption: 'Tom & Jerry <3 "quoted" \'single\'' }), { baseUrl: BASE });
    const xml = toOEmbedXml(o);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8" standalone="yes"?><oembed><version>1.0</version><type>rich</type>')).toBe(
      true,
    );
    expect(xml).toContain('<title>Tom &amp; Jerry &lt;3 &quot;quoted&quot; &apos;single&apos;</title>');
    expect(xml).toContain('<width>540</width>');
    expect(xml.endsWith('<cache_age>86400</cache_age></oembed>')).toBe(true);
    const $ = load(xml, { xml: true });
    const fields = $('oembed')
      .children()
      .toArray()
      .map((el) => (el.type === 'tag' ? el.name : ''));
    expect(fields).toEqual(Object.keys(o));
    for (const key of Object.keys(o) as (keyof OEmbed)[]) expect($(`oembed > ${key}`).text()).toBe(String(o[key]));
    expect($('oembed > html').children().length).toBe(0);
  });

  it('replaces characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0000b\u000bc\fd\t\n\ud800e\uffff')).toBe('a\ufffdb\ufffdc\ufffdd\t\n\ufffde\ufffd');
    expect(escapeXml('😀 ok')).toBe('😀 ok');
  });
});

describe('oembedLinkHeader', () => {
  it('advertises the json and xml forms', () => {
    expect(oembedLinkHeader(`${EMBED}?theme=dark`, `${BASE}/`)).toBe(
      `<${BASE}/oembed?url=https%3A%2F%2Fembed.example.org%2Fembed%2Fig_B8kFzL2hXYZ%3Ftheme%3Ddark&format=json>; rel="alternate"; type="application/json+oembed", ` +
        `<${BASE}/oembed?url=https%3A%2F%2Fembed.example.org%2Fembed%2Fig_B8kFzL2hXYZ%3Ftheme%3Ddark&format=xml>; rel="alternate"; type="text/xml+oembed"`,
    );
  });
});

describe('toInlineHtml', () => {
  it('is a self-contained figure with inline styles only', () => {
    const html = toInlineHtml(post({ media: [image(1), image(2)] }), BASE);
    const $ = load(html, null, false);
    expect($.root().children().length).toBe(1);
    expect($.root().children().first().is('figure')).toBe(true);
    expect($('script, style, link, iframe, [class], [id]').length).toBe(0);
    expect($('img').attr('src')).toBe(`${BASE}/media/${hash}/640.jpg`);
    expect($('img').attr('alt')).toBe('Photo 1 of 2 by @connorwjessup');
    expect($('blockquote p').text()).toBe(post().caption);
    expect($('blockquote p').attr('dir')).toBe('auto');
    expect(
      $('blockquote a')
        .toArray()
        .map((a) => $(a).attr('href')),
    ).toEqual(['https://www.instagram.com/lockekeyshow/', 'https://www.instagram.com/explore/tags/lockeandkey/']);
    expect($('figcaption').text()).toBe('Original post · Feb 16, 2020 · 2 photosArchived copy · captured Nov 20, 2026 · postkeep');
    expect($('figcaption a').last().attr('href')).toBe(EMBED);
  });

  it('shows only attribution for a hidden post', () => {
    const html = toInlineHtml(post({ status: 'hidden', hidden: { reason: 'takedown', at: '2026-11-21T00:00:00.000Z' } }), BASE);
    const $ = load(html, null, false);
    expect($('img, blockquote').length).toBe(0);
    expect(html).not.toContain('Behind the scenes');
    expect($('p').text()).toBe('This post is no longer shown in this archive.');
    expect($('strong').text()).toBe('Connor Jessup');
  });

  it('keeps hostile captions as text', () => {
    for (const s of BLNS) {
      const $ = load(toInlineHtml(post({ caption: s, author: { handle: 'connorwjessup', name: s } }), BASE), null, false);
      expect($('script').length).toBe(0);
      if (s.trim() === '') continue;
      expect($('blockquote p').text()).toBe(s);
      expect($('strong').text()).toBe(s);
    }
  });
});
