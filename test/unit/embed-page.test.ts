import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { brotliCompressSync } from 'node:zlib';
import { type Cheerio, type CheerioAPI, load } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { tokenizeCaption } from '../../shared/embed/caption.js';
import { estimateEmbedHeight } from '../../shared/embed/estimate-height.js';
import { formatDate } from '../../shared/embed/format-date.js';
import { EMBED_CSP, embedHeaders } from '../../shared/embed/headers.js';
import { HEIGHT_SCRIPT, HEIGHT_SCRIPT_HASH } from '../../shared/embed/height-script.js';
import { isAutoAlt } from '../../shared/embed/media.js';
import { renderEmbedPage } from '../../shared/embed/render-embed-page.js';
import { type EmbedVariant, embedObjectKey, listEmbedVariants, parseEmbedVariant, variantName } from '../../shared/embed/variant.js';
import type { PostRecord, StoredMedia } from '../../shared/post/post.js';
import { readFixture } from '../support/fixtures.js';
import { PLACEHOLDER, postRecord, storedImage, storedImageV01 } from '../support/records.js';

const BASE = 'https://embed.example.org';
const BLNS = JSON.parse(readFixture('security', 'blns.json')) as string[];
const AUTO: EmbedVariant = { theme: 'auto', hideCaption: false, slide: 1 };

const image = (n: number, over: Partial<StoredMedia> = {}, ratio = 1.25): StoredMedia => storedImage(n, ratio, over);

const post = postRecord;

function render(p: PostRecord, variant: Partial<EmbedVariant> = {}): { html: string; $: CheerioAPI } {
  const html = renderEmbedPage(p, { baseUrl: BASE, variant: { ...AUTO, ...variant } });
  return { html, $: load(html) };
}

/** Every attribute on every element: nothing may carry an event handler or a script URL. */
function assertInert($: CheerioAPI): void {
  const scripts = $('script');
  expect(scripts.length).toBe(1);
  expect(scripts.text()).toBe(HEIGHT_SCRIPT);
  expect(scripts.attr('src')).toBeUndefined();
  $('*').each((_, el) => {
    if (el.type !== 'tag') return;
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.startsWith('on'), `attribute ${name}`).toBe(false);
      if (['href', 'src', 'cite', 'action', 'formaction'].includes(name)) {
        expect(value.trim().toLowerCase().startsWith('javascript:'), `${name}=${value}`).toBe(false);
        // `data:,` is the empty icon that spares a /favicon.ico request.
        expect(/^(https?:\/\/|data:image\/|data:,$)/.test(value), `${name}=${value}`).toBe(true);
      }
    }
  });
  expect($('iframe, object, embed, form, base').length).toBe(0);
}

const links = (el: Cheerio<AnyNode>, $: CheerioAPI) =>
  el
    .find('a')
    .toArray()
    .map((a) => [$(a).text(), $(a).attr('href')]);

describe('variant names and keys', () => {
  it.each<[Partial<EmbedVariant>, string]>([
    [{}, 'index'],
    [{ theme: 'light' }, 'light'],
    [{ theme: 'dark' }, 'dark'],
    [{ hideCaption: true }, 'nocap'],
    [{ slide: 2 }, 's2'],
    [{ theme: 'dark', slide: 3 }, 'dark-s3'],
    [{ theme: 'light', hideCaption: true }, 'light-nocap'],
    [{ theme: 'dark', hideCaption: true, slide: 20 }, 'dark-nocap-s20'],
    [{ hideCaption: true, slide: 5 }, 'nocap-s5'],
  ])('%o → %s', (v, name) => {
    expect(variantName({ ...AUTO, ...v })).toBe(name);
    expect(embedObjectKey('ig_B8kFzL2hXYZ', { ...AUTO, ...v })).toBe(`embed/ig_B8kFzL2hXYZ/${name}.html`);
  });

  it.each<[number, number]>([
    [0, 6],
    [1, 6],
    [3, 18],
    [10, 60],
  ])('%i media items → %i variants, all names distinct', (items, count) => {
    const variants = listEmbedVariants(post({ media: Array.from({ length: items }, (_, i) => image(i)) }));
    expect(variants).toHaveLength(count);
    expect(new Set(variants.map(variantName)).size).toBe(count);
    expect(variants.map(variantName)).toContain('index');
  });

  it('lists every possible slide for a hidden post so stale pages are all overwritten', () => {
    const variants = listEmbedVariants(
      post({ status: 'hidden', media: [], hidden: { reason: 'takedown', at: '2026-11-21T00:00:00.000Z' } }),
    );
    expect(variants).toHaveLength(3 * 2 * 20);
    expect(variants.map(variantName)).toContain('dark-nocap-s20');
  });

  it.each<[Record<string, string | undefined>, EmbedVariant]>([
    [{}, AUTO],
    [{ theme: 'dark' }, { ...AUTO, theme: 'dark' }],
    [{ theme: 'LIGHT' }, { ...AUTO, theme: 'light' }],
    [{ theme: 'sepia' }, AUTO],
    [{ hidecaption: '1' }, { ...AUTO, hideCaption: true }],
    [{ hidecaption: 'true' }, { ...AUTO, hideCaption: true }],
    [{ hidecaption: '0' }, AUTO],
    [{ hidecaption: 'yes' }, AUTO],
    [{ slide: '3' }, { ...AUTO, slide: 3 }],
    [{ slide: '20' }, { ...AUTO, slide: 20 }],
    [{ slide: '21' }, AUTO],
    [{ slide: '0' }, AUTO],
    [{ slide: '2.5' }, AUTO],
    [{ slide: '-2' }, AUTO],
    [{ img_index: '4' }, { ...AUTO, slide: 4 }],
    [
      { slide: '2', img_index: '4' },
      { ...AUTO, slide: 2 },
    ],
    [
      { slide: 'x', img_index: '4' },
      { ...AUTO, slide: 4 },
    ],
    [
      { theme: 'dark', hidecaption: '1', slide: '3' },
      { theme: 'dark', hideCaption: true, slide: 3 },
    ],
  ])('parseEmbedVariant(%o)', (query, expected) => {
    expect(parseEmbedVariant(query)).toEqual(expected);
  });
});

describe('hostile text (blns.json) comes out as the same text', () => {
  it('has the whole list', () => {
    expect(BLNS.length).toBe(515);
  });

  it('as caption', () => {
    for (const s of BLNS) {
      const { $ } = render(post({ caption: s }));
      assertInert($);
      if (s.trim() === '') expect($('blockquote').length).toBe(0);
      else expect($('blockquote p.c').text(), JSON.stringify(s)).toBe(s);
    }
  });

  it('as display name', () => {
    for (const s of BLNS) {
      const { $ } = render(post({ author: { handle: 'connorwjessup', name: s } }));
      assertInert($);
      if (s.trim() === '') expect($('header .n').length).toBe(0);
      else expect($('header .n').text(), JSON.stringify(s)).toBe(s);
    }
  });

  it('as handle, with the profile link kept on instagram.com', () => {
    for (const s of BLNS) {
      const { $ } = render(post({ author: { handle: s, name: 'Connor Jessup' } }));
      assertInert($);
      if (s.trim() === '') continue;
      expect($('header .h').text(), JSON.stringify(s)).toBe(`@${s}`);
      expect(new URL($('header .h').attr('href') ?? '').origin).toBe('https://www.instagram.com');
      expect($('title').text()).toBe(`Post by @${s}`);
    }
  });

  it('as alt text', () => {
    for (const s of BLNS) {
      const { $ } = render(post({ media: [image(1, { alt: s })] }));
      assertInert($);
      expect($('img').attr('alt'), JSON.stringify(s)).toBe(isAutoAlt(s) ? 'Photo by @connorwjessup' : s);
    }
  });
});

describe('caption linking', () => {
  it.each<[string, [string, string][]]>([
    ['Love this #sunset', [['#sunset', 'https://www.instagram.com/explore/tags/sunset/']]],
    [
      '#東京 と #café',
      [
        ['#東京', 'https://www.instagram.com/explore/tags/%E6%9D%B1%E4%BA%AC/'],
        ['#café', 'https://www.instagram.com/explore/tags/caf%C3%A9/'],
      ],
    ],
    ['thanks @jane.doe.', [['@jane.doe', 'https://www.instagram.com/jane.doe/']]],
    ['mail me at me@example.com', []],
    ['issue#3 and a&#39;b', []],
    ['see https://example.com/a?b=1&c=2.', [['https://example.com/a?b=1&c=2', 'https://example.com/a?b=1&c=2']]],
    ['(https://en.wikipedia.org/wiki/Foo_(bar))', [['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)']]],
    ['http://example.com', [['http://example.com', 'http://example.com/']]],
    ['javascript:alert(1) and JAVASCRIPT://%0aalert(1)', []],
    ['data:text/html,<script>alert(1)</script>', []],
    ['ftp://example.com/file', []],
    ['https://', []],
  ])('%s', (caption, expected) => {
    const { $ } = render(post({ caption }));
    expect(links($('blockquote'), $)).toEqual(expected);
    expect($('blockquote p.c').text()).toBe(caption);
  });

  it('marks URL links nofollow and opens them outside the frame', () => {
    const { $ } = render(post({ caption: 'read https://news.example.com/story' }));
    const a = $('blockquote a');
    expect(a.attr('rel')).toBe('nofollow noopener noreferrer');
    expect(a.attr('target')).toBe('_blank');
  });

  it('tokenizes into text and links that join back to the caption', () => {
    const caption = 'a #b @c https://d.example/e f';
    const tokens = tokenizeCaption(caption);
    expect(tokens.map((t) => t.type)).toEqual(['text', 'tag', 'text', 'mention', 'text', 'url', 'text']);
    expect(tokens.map((t) => t.text).join('')).toBe(caption);
  });

  it('keeps newlines and lets right-to-left text set its own direction', () => {
    const caption = 'مرحبا بالعالم\nשלום עולם #שלום';
    const { $ } = render(post({ caption }));
    const p = $('blockquote p.c');
    expect(p.attr('dir')).toBe('auto');
    expect(p.text()).toBe(caption);
    expect($('style').text()).toContain('white-space:pre-line');
  });
});

describe('caption fold and hidecaption', () => {
  it('folds a caption longer than 300 characters without script', () => {
    const caption = `${'word '.repeat(60)}end #tag`;
    const { $ } = render(post({ caption }));
    expect($('blockquote').hasClass('f')).toBe(true);
    expect($('blockquote input#m').attr('type')).toBe('checkbox');
    expect($('blockquote label[for=m]').text()).toBe('more');
    expect($('blockquote p.c').text()).toBe(caption);
  });

  it('does not fold 300 characters', () => {
    const { $ } = render(post({ caption: 'é'.repeat(300) }));
    expect($('blockquote').hasClass('f')).toBe(false);
    expect($('input, label').length).toBe(0);
  });

  it('drops the caption for hidecaption and keeps the rest', () => {
    const { html, $ } = render(post(), { hideCaption: true });
    expect($('blockquote').length).toBe(0);
    expect(html).not.toContain('Behind the scenes');
    expect($('img').length).toBe(1);
    expect($('header .n').text()).toBe('Connor Jessup');
  });
});

describe('status, attribution and dates', () => {
  it('shows a live post as an archived copy with both dates', () => {
    const { $ } = render(post());
    expect($('blockquote').attr('cite')).toBe('https://www.instagram.com/p/B8kFzL2hXYZ/');
    expect(links($('figcaption'), $)).toEqual([['Original post', 'https://www.instagram.com/p/B8kFzL2hXYZ/']]);
    expect(links($('header'), $)).toEqual([
      ['Connor Jessup', 'https://www.instagram.com/connorwjessup/'],
      ['@connorwjessup', 'https://www.instagram.com/connorwjessup/'],
    ]);
    expect($('figcaption').text()).toBe('Original post · Feb 16, 2020Archived copy · captured Nov 20, 2026');
    expect(
      $('figcaption time')
        .toArray()
        .map((t) => $(t).attr('datetime')),
    ).toEqual(['2020-02-16T00:21:00.000Z', '2026-11-20T09:30:00.000Z']);
  });

  it('says the same for status unknown', () => {
    expect(
      render(post({ status: 'unknown' }))
        .$('figcaption')
        .text(),
    ).toContain('Archived copy · captured Nov 20, 2026');
  });

  it('says "Original removed" with the removal date and keeps the archived content', () => {
    const { $ } = render(post({ status: 'removed', removedAt: '2024-04-02T12:00:00.000Z' }));
    expect($('figcaption').text()).toContain('Original removed Apr 2, 2024 · archived copy captured Nov 20, 2026');
    expect($('figcaption time[datetime="2024-04-02T12:00:00.000Z"]').text()).toBe('Apr 2, 2024');
    expect($('img').length).toBe(1);
    expect($('blockquote p.c').text()).toContain('Behind the scenes');
  });

  it('keeps only attribution and the notice for a hidden post', () => {
    const hidden = post({
      status: 'hidden',
      hidden: { reason: 'copyright claim', at: '2026-11-21T08:00:00.000Z' },
      media: [image(1), image(2)],
    });
    for (const variant of listEmbedVariants(hidden).filter((v) => v.slide <= 3)) {
      const { html, $ } = render(hidden, variant);
      expect($('blockquote, picture, img, source, .sc').length).toBe(0);
      expect(html).not.toContain('Behind the scenes');
      expect(html).not.toContain('media/');
      expect(html).not.toContain('copyright claim');
      expect($('p.t').text()).toBe('This post is no longer shown in this archive.');
      expect($('header').text()).toBe('Connor Jessup@connorwjessup');
      expect($('figcaption').text()).toBe('Original post · Feb 16, 2020Hidden Nov 21, 2026 · captured Nov 20, 2026');
      // oEmbed answers 401 for a tombstone: it advertises no endpoint.
      expect($('link[rel=alternate]').length).toBe(0);
      expect(html).not.toContain('oembed');
    }
    expect(render(post()).$('link[rel=alternate]').length).toBe(2);
  });

  it('names an empty icon, so a page opened on its own asks for no /favicon.ico', () => {
    const { $ } = render(post());
    expect($('link[rel=icon]').attr('href')).toBe('data:,');
    // The CSP lets the browser use it (img-src governs icons).
    expect(EMBED_CSP).toMatch(/img-src [^;]*data:/);
  });

  it('shows no original link when the shortcode is unknown', () => {
    const { $ } = render(post({ shortcode: null, kind: null }));
    expect($('blockquote').attr('cite')).toBeUndefined();
    expect($('figcaption a').length).toBe(0);
    expect($('figcaption').text()).toBe('Feb 16, 2020Archived copy · captured Nov 20, 2026');
  });

  it.each<[string, string | null]>([
    ['2020-02-16T00:21:00.000Z', 'Feb 16, 2020'],
    ['2019-12-31T23:59:59.999Z', 'Dec 31, 2019'],
    ['2024-02-29T00:00:00+14:00', 'Feb 28, 2024'],
    ['2010-10-06T00:00:00Z', 'Oct 6, 2010'],
    ['not a date', null],
  ])('formatDate(%s) = %s', (iso, text) => {
    expect(formatDate(iso)).toBe(text);
  });
});

describe('media', () => {
  it('renders a responsive picture with sizes, fallback, dimensions and placeholder', () => {
    const { $ } = render(post());
    const h = image(1).hash;
    const sources = $('picture source')
      .toArray()
      .map((s) => [$(s).attr('type'), $(s).attr('srcset'), $(s).attr('sizes')]);
    const sizes = '(max-width: 540px) 100vw, 540px';
    expect(sources).toEqual([['image/avif', `${BASE}/media/${h}/640.avif 640w, ${BASE}/media/${h}/1080.avif 1080w`, sizes]]);
    const img = $('picture img');
    expect(img.attr()).toEqual({
      src: `${BASE}/media/${h}/640.jpg`,
      srcset: `${BASE}/media/${h}/320.jpg 320w, ${BASE}/media/${h}/640.jpg 640w, ${BASE}/media/${h}/1080.jpg 1080w`,
      sizes,
      width: '640',
      height: '800',
      alt: 'Photo by @connorwjessup',
      loading: 'eager',
      decoding: 'async',
      style: `background-image:url(${PLACEHOLDER})`,
    });
    expect($('.sc, .ct').length).toBe(0);
  });

  it('keeps every source a record of 0.1 holds (WebP, 320 w)', () => {
    const m = storedImageV01(1);
    const { $ } = render(post({ media: [m] }));
    const h = m.hash;
    expect(
      $('picture source')
        .toArray()
        .map((s) => [$(s).attr('type'), $(s).attr('srcset')]),
    ).toEqual([
      ['image/avif', `${BASE}/media/${h}/320.avif 320w, ${BASE}/media/${h}/640.avif 640w, ${BASE}/media/${h}/1080.avif 1080w`],
      ['image/webp', `${BASE}/media/${h}/320.webp 320w, ${BASE}/media/${h}/640.webp 640w, ${BASE}/media/${h}/1080.webp 1080w`],
    ]);
    expect($('picture img').attr('srcset')).toBe(
      `${BASE}/media/${h}/320.jpg 320w, ${BASE}/media/${h}/640.jpg 640w, ${BASE}/media/${h}/1080.jpg 1080w`,
    );
  });

  it('falls back to the largest JPEG below 640 px, else the smallest there is', () => {
    const m = storedImageV01(1);
    const { $ } = render(post({ media: [{ ...m, variants: m.variants.filter((v) => v.width !== 640) }] }));
    expect($('img').attr('src')).toBe(`${BASE}/media/${m.hash}/320.jpg`);
    expect($('img').attr('width')).toBe('320');
    const n = image(2);
    const only1080 = render(post({ media: [{ ...n, variants: n.variants.filter((v) => v.width === 1080) }] })).$;
    expect(only1080('img').attr('src')).toBe(`${BASE}/media/${n.hash}/1080.jpg`);
  });

  it('refuses keys and placeholders that are not its own', () => {
    const m = storedImageV01(1, 1.25, { placeholder: 'data:image/webp;base64,AAA);background:url(https://evil.example/x' });
    const bad = { ...m, variants: m.variants.map((v) => (v.format === 'avif' ? { ...v, key: 'https://evil.example/x.avif' } : v)) };
    const { html, $ } = render(post({ media: [bad] }));
    expect(html).not.toContain('evil.example');
    expect($('img').attr('style')).toBeUndefined();
    expect(
      $('source')
        .toArray()
        .map((s) => $(s).attr('type')),
    ).toEqual(['image/webp']);
  });

  it('keeps the box of an item whose image bytes were not archived', () => {
    const m = image(1, { variants: [], original: { key: 'media/x/original.heic', contentType: 'image/heic', bytes: 1 } }, 0.5);
    const { $ } = render(post({ media: [m] }));
    expect($('picture, img').length).toBe(0);
    expect($('.it .na').text()).toBe('Image not archived');
    expect($('.it .na').attr('style')).toBe('aspect-ratio:1/0.5000');
  });

  it('uses the original when it is a web image and no variant exists', () => {
    const m = image(1, { variants: [] });
    const { $ } = render(post({ media: [m] }));
    expect($('img').attr()).toMatchObject({ src: `${BASE}/${m.original.key}`, width: '1080', height: '1350' });
    expect($('img').attr('srcset')).toBeUndefined();
    expect($('source').length).toBe(0);
  });

  it.each<[string | null, string]>([
    [null, 'Photo by @connorwjessup'],
    ['Image may contain: 2 people, people smiling', 'Photo by @connorwjessup'],
    ['Photo by Alberto Garzón on January 25, 2015.', 'Photo by @connorwjessup'],
    ['Photo shared by Connor on February 15, 2020 tagging @x. May be an image of 1 person.', 'Photo by @connorwjessup'],
    ['May be an image of text', 'Photo by @connorwjessup'],
    ['The cast on set, laughing', 'The cast on set, laughing'],
  ])('alt %s → %s', (alt, expected) => {
    expect(
      render(post({ media: [image(1, { alt })] }))
        .$('img')
        .attr('alt'),
    ).toBe(expected);
  });

  it('shows every carousel item in a scroll-snap strip, the chosen slide first, with counters', () => {
    const media = [1, 2, 3, 4, 5].map((n) => image(n));
    const { $ } = render(post({ media }), { slide: 3 });
    const strip = $('.sc');
    expect(strip.attr('tabindex')).toBe('0');
    expect(strip.attr('aria-label')).toBe('Carousel of 5, scroll sideways');
    expect(strip.children('.it').length).toBe(5);
    expect(
      strip
        .find('.ct')
        .toArray()
        .map((c) => $(c).text()),
    ).toEqual(['3 / 5', '4 / 5', '5 / 5', '1 / 5', '2 / 5']);
    expect(
      strip
        .find('img')
        .toArray()
        .map((i) => $(i).attr('alt')),
    ).toEqual([3, 4, 5, 1, 2].map((n) => `Photo ${n} of 5 by @connorwjessup`));
    expect(
      strip
        .find('img')
        .toArray()
        .map((i) => $(i).attr('loading')),
    ).toEqual(['eager', 'lazy', 'lazy', 'lazy', 'lazy']);
    for (const m of media) expect(strip.find(`img[src="${BASE}/media/${m.hash}/640.jpg"]`).length).toBe(1);
    expect($('style').text()).toContain('scroll-snap-type:x mandatory');
  });

  it('keeps the natural order for slide 1 and clamps a slide beyond the last item', () => {
    const media = [1, 2, 3].map((n) => image(n));
    const counters = (slide: number) => {
      const { $ } = render(post({ media }), { slide });
      return $('.ct')
        .toArray()
        .map((c) => $(c).text());
    };
    expect(counters(1)).toEqual(['1 / 3', '2 / 3', '3 / 3']);
    expect(counters(9)).toEqual(['3 / 3', '1 / 3', '2 / 3']);
  });

  it('shows a video as its poster with a play mark linking to the original', () => {
    const { $ } = render(post({ kind: 'reel', media: [image(1, { type: 'video' })] }));
    const link = $('a.it');
    expect(link.attr('href')).toBe('https://www.instagram.com/reel/B8kFzL2hXYZ/');
    expect(link.attr('aria-label')).toBe('Play video on Instagram: Video by @connorwjessup');
    expect(link.find('.pl').text()).toBe('▶');
    expect(link.find('.pl').attr('aria-hidden')).toBe('true');
    expect(link.find('picture img').length).toBe(1);
  });

  it('renders a post without media as a text-only card', () => {
    const { $ } = render(post({ media: [] }));
    expect($('picture, img, .sc, .it, .na').length).toBe(0);
    expect(
      $('figure > *')
        .toArray()
        .map((e) => (e.type === 'tag' ? e.name : '')),
    ).toEqual(['header', 'blockquote', 'figcaption']);
    expect($('blockquote p.c').text()).toContain('Behind the scenes');
  });
});

describe('page shell', () => {
  it('links oEmbed discovery, canonical, noindex and nothing external', () => {
    const { $ } = render(post(), { theme: 'dark', slide: 1 });
    const embed = `${BASE}/embed/ig_B8kFzL2hXYZ?theme=dark`;
    expect($('link[rel=alternate][type="application/json+oembed"]').attr('href')).toBe(
      `${BASE}/oembed?url=${encodeURIComponent(embed)}&format=json`,
    );
    expect($('link[rel=alternate][type="text/xml+oembed"]').attr('href')).toBe(
      `${BASE}/oembed?url=${encodeURIComponent(embed)}&format=xml`,
    );
    expect($('link[rel=canonical]').attr('href')).toBe(`${BASE}/embed/ig_B8kFzL2hXYZ`);
    expect($('meta[name=robots]').attr('content')).toBe('noindex');
    expect($('meta[http-equiv=Content-Security-Policy]').attr('content')).toBe(EMBED_CSP);
    expect($('link[rel=stylesheet], script[src], iframe').length).toBe(0);
    const urls = $('[src], [srcset]')
      .toArray()
      .flatMap((e) => {
        const el = $(e);
        return [el.attr('src'), ...(el.attr('srcset') ?? '').split(', ').map((part) => part.split(' ')[0])].filter(Boolean);
      });
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url?.startsWith(`${BASE}/media/`)).toBe(true);
    expect($('style').text()).not.toMatch(/url\(|@import/);
  });

  it.each<[EmbedVariant['theme'], boolean, string]>([
    ['auto', true, 'color-scheme:light dark'],
    ['light', false, 'color-scheme:light;--bg:#fff'],
    ['dark', false, 'color-scheme:dark;--bg:#121212'],
  ])('theme %s', (theme, media, scheme) => {
    const css = render(post(), { theme }).$('style').text();
    expect(css.includes('prefers-color-scheme')).toBe(media);
    expect(css).toContain(scheme);
    expect(css).toContain(':focus-visible');
  });

  it('starts with a doctype and declares the language', () => {
    const { html, $ } = render(post());
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect($('title').text()).toBe('Post by @connorwjessup');
  });

  it('stays under 3 KB brotli for a photo post with a 300-character caption', () => {
    const caption = `${'Golden hour on the pier, the light was unreal tonight. '.repeat(6).slice(0, 284)} #sunset @friend`;
    expect([...caption].length).toBe(300);
    const { html } = render(post({ caption }));
    const size = brotliCompressSync(html).length;
    console.log(`embed page: ${html.length} bytes, ${size} bytes brotli`);
    expect(size).toBeLessThanOrEqual(3072);
  });
});

describe('headers, script and height', () => {
  it('pins the height script by its sha256 in the CSP', () => {
    const digest = createHash('sha256').update(HEIGHT_SCRIPT).digest('base64');
    expect(HEIGHT_SCRIPT_HASH).toBe(`'sha256-${digest}'`);
    expect(embedHeaders()).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'sha256-${digest}'; base-uri 'none'; form-action 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Strict-Transport-Security': 'max-age=31536000',
      'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
    });
    expect(embedHeaders()['Content-Security-Policy']).not.toContain('frame-ancestors');
    expect(render(post()).$('script').text()).toBe(HEIGHT_SCRIPT);
  });

  /** The script in a stand-in window: a frame whose card is `height` px tall. */
  function runScript(framed: boolean, hash: string, height = 776.2) {
    const posted: unknown[] = [];
    const handlers: Record<string, (event?: unknown) => void> = {};
    const classes = new Set<string>();
    const parent = { postMessage: (msg: unknown, origin: string) => posted.push([msg, origin]) };
    const win: Record<string, unknown> = {
      location: { hash, origin: 'https://embed.example.org' },
      document: {
        documentElement: {
          scrollHeight: 900,
          classList: {
            add: (...c: string[]) => {
              for (const x of c) classes.add(x);
            },
            remove: (...c: string[]) => {
              for (const x of c) classes.delete(x);
            },
          },
        },
        body: { getBoundingClientRect: () => ({ height }) },
        addEventListener: (type: string, fn: (event?: unknown) => void) => {
          handlers[`document:${type}`] = fn;
        },
      },
      parent,
      encodeURIComponent,
      addEventListener: (type: string, fn: (event?: unknown) => void) => {
        handlers[type] = fn;
      },
    };
    win.self = win;
    win.window = win;
    win.top = framed ? {} : win;
    runInNewContext(HEIGHT_SCRIPT, win);
    return { posted, handlers, classes, parent };
  }

  it('posts the height with the WordPress secret only inside a frame, and again on load, resize and ready', () => {
    const { posted, handlers, classes, parent } = runScript(true, '#?secret=Ab12Cd34Ef');
    handlers.load?.();
    handlers.resize?.();
    // wp-embed.js says 'ready' to frames that loaded before it: the height is sent again.
    handlers.message?.({ source: parent, data: { message: 'ready', secret: 'Ab12Cd34Ef' } });
    handlers.message?.({ source: {}, data: { message: 'ready', secret: 'Ab12Cd34Ef' } });
    const height = [{ message: 'height', value: 777, secret: 'Ab12Cd34Ef' }, '*'];
    expect(posted).toEqual([height, height, height, height]);
    expect([...classes]).toEqual([]);
    expect(runScript(false, '#?secret=Ab12Cd34Ef').posted).toEqual([]);
  });

  it('fills a frame the host sized itself (no secret) and reports nothing', () => {
    const { posted, handlers, classes } = runScript(true, '');
    handlers.load?.();
    expect(posted).toEqual([]);
    expect([...classes]).toEqual(['fit']);
  });

  it("keeps a card taller than WordPress's 1000 px cap at exactly 1000 px", () => {
    const { posted, classes } = runScript(true, '#?secret=Ab12Cd34Ef', 1240);
    expect(posted).toEqual([[{ message: 'height', value: 1000, secret: 'Ab12Cd34Ef' }, '*']]);
    expect([...classes].sort()).toEqual(['cap', 'fit']);
  });

  it("turns clicks on Instagram links into wp-embed's link message to this host's redirect", () => {
    const { posted, handlers } = runScript(true, '#?secret=Ab12Cd34Ef');
    posted.length = 0;
    const click = (href: string) => {
      let prevented = false;
      const anchor = { href };
      handlers['document:click']?.({ target: { closest: () => anchor }, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(click('https://www.instagram.com/p/B8kFzL2hXYZ/')).toBe(true);
    expect(click('https://example.com/elsewhere')).toBe(false);
    expect(posted).toEqual([
      [
        {
          message: 'link',
          value: `https://embed.example.org/embed/out?to=${encodeURIComponent('https://www.instagram.com/p/B8kFzL2hXYZ/')}`,
          secret: 'Ab12Cd34Ef',
        },
        '*',
      ],
    ]);
    // Without a secret the frame is ours (allow-popups): links open as they are.
    const plain = runScript(true, '');
    let prevented = false;
    plain.handlers['document:click']?.({
      target: { closest: () => ({ href: 'https://www.instagram.com/p/B8kFzL2hXYZ/' }) },
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(false);
  });

  it('estimates the height from image ratio, caption and chrome', () => {
    const photo = estimateEmbedHeight(post(), 540, AUTO);
    // 1080×1350 fills 538 px: 673 px of image, plus header, a two-line caption and the footer.
    expect(photo).toBeGreaterThan(673 + 64 + 40 + 24 + 28);
    expect(photo).toBeLessThan(673 + 64 + 40 + 24 + 28 + 40);
    expect(estimateEmbedHeight(post(), 320, AUTO)).toBeLessThan(photo);
    expect(estimateEmbedHeight(post(), 900, AUTO)).toBe(photo);
    expect(estimateEmbedHeight(post(), 540, { ...AUTO, hideCaption: true })).toBeLessThan(photo);
    expect(estimateEmbedHeight(post({ caption: 'long caption '.repeat(20) }), 540, AUTO)).toBeGreaterThan(photo);
    expect(estimateEmbedHeight(post({ caption: 'long caption '.repeat(200) }), 540, AUTO)).toBe(
      estimateEmbedHeight(post({ caption: 'long caption '.repeat(400) }), 540, AUTO),
    );
    const tall = [image(1, {}, 1), image(2, {}, 1.25)];
    expect(estimateEmbedHeight(post({ media: tall }), 540, AUTO)).toBe(photo);
    expect(estimateEmbedHeight(post({ media: [] }), 540, AUTO)).toBe(photo - 673);
  });
});
