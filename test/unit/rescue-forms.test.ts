import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  encodeReplacement,
  type FoundEmbed,
  findEmbeds,
  findEmbedsDetailed,
  parseVisibleDate,
  replaceEmbeds,
} from '../../shared/rescue/index.js';
import { readFixture } from '../support/fixtures.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const POST = 'https://www.instagram.com/p/B3IHhXZgz2Y/';
/** corpus 34: v14 English blockquote followed directly by embeds.js. */
const V14 = readFixture('instagram', 'embeds', '34.html');
/** corpus 07: v8 English captioned blockquote with <time>. */
const V8 = readFixture('instagram', 'embeds', '07.html');

const only = (found: FoundEmbed[]): FoundEmbed => {
  expect(found).toHaveLength(1);
  const [embed] = found;
  if (!embed) throw new Error('nothing found');
  return embed;
};
const article = (middle: string) => `<html><body><h1>Title</h1><p>Intro paragraph.</p>\n${middle}\n<p>Closing paragraph.</p></body></html>`;
const slice = (text: string, embed: FoundEmbed) => text.slice(embed.start, embed.end);
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('blockquote embeds inside CMS wrappers', () => {
  it('takes a WordPress figure and its Gutenberg comment pair into the range', () => {
    const block = `<!-- wp:embed {"url":"${POST}","type":"rich","providerNameSlug":"instagram"} -->\n<figure class="wp-block-embed is-type-rich is-provider-instagram wp-block-embed-instagram"><div class="wp-block-embed__wrapper">\n${V14}\n</div></figure>\n<!-- /wp:embed -->`;
    const html = article(block);
    const embed = only(findEmbeds(html, 'html', NOW));
    expect(embed).toMatchObject({ found: 'blockquote', shortcode: 'CZIALixI8FH', author: { name: 'Adam Ondra', handle: 'adam.ondra' } });
    expect(slice(html, embed)).toBe(block);
  });

  it('re-serialised blockquote: attribute order, captioned="" and stripped styles', () => {
    const html = article(
      `<blockquote data-instgrm-version="8" data-instgrm-captioned="" data-instgrm-permalink="https://www.instagram.com/p/BjyihedFlTz/" class="instagram-media"><div><p><a href="https://www.instagram.com/p/BjyihedFlTz/">Finally.&nbsp;#納車<br>second&nbsp;&nbsp;line</a></p><p>A post shared by <a href="https://www.instagram.com/1000ch/">Shogo Sensui</a> (@1000ch) on <time datetime="2018-06-09T03:58:44+00:00">Jun 8, 2018 at 8:58pm PDT</time></p></div></blockquote>`,
    );
    const embed = only(findEmbeds(html, 'html', NOW));
    expect(embed.caption).toBe('Finally. #納車\nsecond line');
    expect(embed.author).toEqual({ name: 'Shogo Sensui', handle: '1000ch' });
    expect(embed.embedVersion).toBe(8);
  });

  it('outside HTML articles, line breaks in the embed markup are its layout: one caption line, the byline reaches its <time>', () => {
    const markup = `<blockquote class="instagram-media" data-instgrm-version="7">\n\t<p>\n\t\t<a href="${POST}">First words of\n\t\t\tthe caption<br>its second line</a>\n\t</p>\n\t<p>\n\t\tA post shared by Jane Doe (@jane) on\n\t\t<time datetime="2017-08-30T09:31:57+00:00">Aug 30, 2017 at 2:31am PDT</time>\n\t</p>\n</blockquote>`;
    for (const format of ['text', 'markdown'] as const) {
      const embed = only(findEmbeds(`Intro.\n\n${markup}\n\nAfter.`, format, NOW));
      expect(embed, format).toMatchObject({
        found: 'blockquote',
        shortcode: 'B3IHhXZgz2Y',
        caption: 'First words of the caption\nits second line',
        author: { name: 'Jane Doe', handle: 'jane' },
        datetime: '2017-08-30T09:31:57+00:00',
        dateText: 'Aug 30, 2017 at 2:31am PDT',
      });
    }
  });

  it('an editor-pasted post URL inside the blockquote is not its caption (WordPress, 2025)', () => {
    const url = 'https://www.instagram.com/p/DPvlWkbjEiE/?igsh=cXg0Njlzd2NibW52&img_index=2';
    const html = article(
      `<blockquote class="instagram-media" data-instgrm-permalink="${url}">\n  <p style="margin-bottom:0.5rem;">\n    ${url}\n  </p>\n</blockquote>`,
    );
    const embed = only(findEmbeds(html, 'html', NOW));
    expect(embed).toMatchObject({ found: 'blockquote', shortcode: 'DPvlWkbjEiE', slide: 2, caption: null });
  });

  it('reads an embed HTML-escaped twice inside a consent attribute', () => {
    const inner = `<div class="consent-inner" data-content="${escapeHtml(V14)}"></div>`;
    const html = article(`<div class="cmp-wrapper" data-consent="${escapeHtml(inner)}"></div>`);
    const embed = only(findEmbeds(html, 'html', NOW));
    expect(embed).toMatchObject({ found: 'blockquote', shortcode: 'CZIALixI8FH', author: { handle: 'adam.ondra' } });
    expect(slice(html, embed)).toMatch(/^<div class="cmp-wrapper"[\s\S]*<\/div>$/);
  });

  it('reads base64 of a consent element (escaping inside encoding) and stops at depth 3', () => {
    const consent = `<script type="text/plain" data-content='${escapeHtml(V14)}'></script>`;
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const html = article(
      `<div class="borlabs-hide" data-borlabs-cookie-type="content-blocker"><script type="text/template">${b64(consent)}</script></div>`,
    );
    expect(only(findEmbeds(html, 'html', NOW)).shortcode).toBe('CZIALixI8FH');
    // Four layers of base64 templates are one more than the reader follows.
    let deep = V14;
    for (let i = 0; i < 4; i += 1) deep = `<script type="text/template">${b64(deep)}</script>`;
    expect(findEmbeds(deep, 'html', NOW)).toHaveLength(0);
  });

  it('corpus 36 inside an article: the whole Borlabs container is the range', () => {
    const wrapper = readFixture('instagram', 'embeds', '36.html').trimEnd();
    const html = article(wrapper);
    const embed = only(findEmbeds(html, 'html', NOW));
    expect(slice(html, embed)).toBe(wrapper);
    expect(embed.slide).toBe(1);
  });
});

describe('amp, iframe and link embeds', () => {
  it('finds amp-instagram and iframe forms in one article, in order', () => {
    const html = article(
      `<amp-instagram data-shortcode="CA_cG-LD4mc" data-captioned width="400" height="400" layout="responsive"></amp-instagram>\n<p>Between.</p>\n<iframe src="https://www.instagram.com/reel/CIyNZQhH4DQ/embed/captioned/?utm_source=x&amp;y=1" width="400"></iframe>`,
    );
    const found = findEmbeds(html, 'html', NOW);
    expect(found.map((e) => [e.found, e.shortcode, e.kind])).toEqual([
      ['amp', 'CA_cG-LD4mc', 'p'],
      ['iframe', 'CIyNZQhH4DQ', 'reel'],
    ]);
    expect(found[1]?.permalink).toBe('https://www.instagram.com/reel/CIyNZQhH4DQ/embed/captioned/?utm_source=x&y=1');
  });

  it('JSX and MDX embed components: the post URL attribute, self-closing or closed; a profile URL is no post', () => {
    const jsx = [
      '<div>',
      `  <InstagramEmbed url="${POST}?utm_source=ig_web_copy_link&igsh=MW" width={328} />`,
      '  <iframe title="player" src="https://open.spotify.com/embed/album/x" />',
      '  <Instagram url="https://www.instagram.com/reel/CIyNZQhH4DQ">Caption kept by the page.</Instagram>',
      '  <InstagramEmbed url="https://www.instagram.com/someaccount/" />',
      '  <InstagramFeed url="https://www.instagram.com/p/CA_cG-LD4mc/" />',
      '</div>',
    ].join('\n');
    const found = findEmbeds(jsx, 'text', NOW);
    expect(found.map((e) => [e.found, e.shortcode, e.kind])).toEqual([
      ['link', 'B3IHhXZgz2Y', 'p'],
      ['link', 'CIyNZQhH4DQ', 'reel'],
    ]);
    expect(slice(jsx, found[0] as FoundEmbed)).toBe(`<InstagramEmbed url="${POST}?utm_source=ig_web_copy_link&igsh=MW" width={328} />`);
    expect(slice(jsx, found[1] as FoundEmbed)).toMatch(/^<Instagram url=.*<\/Instagram>$/);
  });

  it('embed markup in a JSX template literal inside an attribute expression is read; the same literal in a Markdown fence is not', () => {
    const jsx = `<div className="flexbox">\n  <div dangerouslySetInnerHTML={{__html: \`${V8.trim()}\`}}/>\n</div>`;
    const embed = only(findEmbeds(jsx, 'text', NOW));
    expect(embed.found).toBe('blockquote');
    expect(embed.shortcode).not.toBeNull();
    expect(embed.caption).not.toBeNull();
    expect(slice(jsx, embed).startsWith('<blockquote')).toBe(true);
    expect(findEmbeds(`# Sample\n\n\`\`\`jsx\n${jsx}\n\`\`\`\n`, 'markdown', NOW)).toEqual([]);
  });

  it('a Facebook Instant Article keeps the embed code inside a src-less iframe: read there, the range inside the iframe', () => {
    const ia = article(
      `<figure class="op-interactive"><iframe>${V8.trim()}</iframe></figure>\n<figure class="op-interactive"><iframe><div class="tumblr-post">Not Instagram.</div></iframe></figure>`,
    );
    const embed = only(findEmbeds(ia, 'html', NOW));
    expect(embed).toMatchObject({ found: 'blockquote', author: only(findEmbeds(V8, 'html', NOW)).author });
    expect(slice(ia, embed).startsWith('<blockquote')).toBe(true);
    expect(ia.slice(embed.end).startsWith('</iframe>')).toBe(true);
  });

  it('markup in a Markdown fenced code block is a sample, not an embed; the same markup outside the fence is one', () => {
    const md = [
      '# Using amp-instagram',
      '',
      '```html',
      '<amp-instagram data-shortcode="CA_cG-LD4mc" width="1" height="1" layout="responsive"></amp-instagram>',
      `<blockquote class="instagram-media" data-instgrm-permalink="${POST}"><a href="${POST}">View this post on Instagram</a></blockquote>`,
      '```',
      '',
      'And live:',
      '',
      '<amp-instagram data-shortcode="CIyNZQhH4DQ" width="1" height="1" layout="responsive"></amp-instagram>',
    ].join('\n');
    expect(findEmbeds(md, 'markdown', NOW).map((e) => e.shortcode)).toEqual(['CIyNZQhH4DQ']);
  });

  it('an Apple News Format instagram component is an embed, replaced as the content of its JSON string', () => {
    const doc = JSON.stringify(
      {
        components: [
          { role: 'body', text: `See ${POST} too.` },
          { role: 'instagram', URL: POST },
          { role: 'tweet', URL: 'https://twitter.com/x/status/1' },
        ],
      },
      null,
      2,
    );
    const embed = only(findEmbeds(doc, 'text', NOW));
    expect(embed).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
    expect(slice(doc, embed)).toBe(POST);
    const card = '<iframe src="https://embeds.example.com/embed/abc" title="A post"></iframe>';
    const out = replaceEmbeds(doc, [{ start: embed.start, end: embed.end, html: encodeReplacement(embed.encodings, card) }]);
    expect((JSON.parse(out) as { components: Array<{ URL?: string }> }).components[1]?.URL).toBe(card);
  });

  it.each([
    ['<p><a href="URL">URL</a></p>', 'html'],
    ['<p>URL</p>', 'html'],
    ['<p>\n  <a href="URL" rel="noopener">Her post</a>\n</p>', 'html'],
  ] as const)('HTML paragraph %s is a link embed spanning the paragraph', (shape, format) => {
    const para = shape.replace(/URL/g, `${POST}?utm_source=ig_web&amp;igsh=1`);
    const html = article(para);
    const embed = only(findEmbeds(html, format, NOW));
    expect(embed).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y', permalink: `${POST}?utm_source=ig_web&igsh=1` });
    expect(slice(html, embed)).toBe(para);
  });

  it('a Gutenberg embed block holding a bare URL is one link embed covering the block', () => {
    const block = `<!-- wp:embed {"url":"${POST}","providerNameSlug":"instagram"} -->\n<figure class="wp-block-embed is-provider-instagram"><div class="wp-block-embed__wrapper">\n${POST}\n</div></figure>\n<!-- /wp:embed -->`;
    const html = article(block);
    const embed = only(findEmbeds(html, 'html', NOW));
    expect(embed.found).toBe('link');
    expect(slice(html, embed)).toBe(block);
  });

  it.each([
    [`Intro.\n\n${POST}\n\nMore.`, 'markdown', POST],
    [`Intro.\n\n[See the post](${POST})\n\nMore.`, 'markdown', `[See the post](${POST})`],
    [`Intro.\n\n<${POST}>\n\nMore.`, 'markdown', `<${POST}>`],
    [`Intro.\n  ${POST}  \nMore.`, 'text', POST],
    // An emoji extension's marker before the link it embeds (web/markmoji-handler-doc.md).
    [`Intro.\n\n📷<${POST}>\n\nMore.`, 'markdown', `<${POST}>`],
    [`Intro.\n📸\u{fe0f} ${POST}\nMore.`, 'text', POST],
  ] as const)('a line that is only a post link is a link embed (%#)', (text, format, range) => {
    const embed = only(findEmbeds(text, format, NOW));
    expect(embed).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y', permalink: POST });
    expect(slice(text, embed)).toBe(range);
  });

  it.each([
    [article(`<p>As <a href="${POST}">her post</a> shows, it rained.</p>`), 'html'],
    [article(`<p>See ${POST} for the picture.</p>`), 'html'],
    [article('<p><a href="https://www.instagram.com/nasa/">https://www.instagram.com/nasa/</a></p>'), 'html'],
    [article('<p>https://www.instagram.com/explore/tags/rain/</p>'), 'html'],
    [`As [her post](${POST}) shows, it rained.\n`, 'markdown'],
    ['Follow us:\n\nhttps://www.instagram.com/nasa/\n', 'markdown'],
    ['Her profile:\nhttps://instagram.com/nasa\n', 'text'],
    [`Her photo 📷 ${POST}\n`, 'text'],
  ] as const)('no embed: post link inside a sentence, profile or tag link (%#)', (text, format) => {
    expect(findEmbeds(text, format, NOW)).toEqual([]);
  });

  it.each([
    [`Intro.\n\n[instagram url=${POST} width=320]\n\nMore.`, 'markdown', `[instagram url=${POST} width=320]`],
    [`Intro.\n\n[instagram url="${POST}"]\n\nMore.`, 'text', `[instagram url="${POST}"]`],
    [`Intro.\n\n[embed]${POST}[/embed]\n\nMore.`, 'markdown', `[embed]${POST}[/embed]`],
    [`Intro.\n{% instagram ${POST} %}\nMore.`, 'markdown', `{% instagram ${POST} %}`],
    ['Intro.\n\n{{< instagram B3IHhXZgz2Y hidecaption >}}\n\nMore.', 'markdown', '{{< instagram B3IHhXZgz2Y hidecaption >}}'],
    ['Intro.\n\n{{< instagram id="B3IHhXZgz2Y" >}}\n\nMore.', 'markdown', '{{< instagram id="B3IHhXZgz2Y" >}}'],
    [article(`<p>[instagram url=${POST}]</p>`), 'html', `<p>[instagram url=${POST}]</p>`],
  ] as const)("a blog engine's embed tag alone on its line is a link embed, the tag its range (%#)", (text, format, range) => {
    const embed = only(findEmbeds(text, format, NOW));
    expect(embed).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
    expect(slice(text, embed)).toBe(range);
  });

  it.each([
    [`Usage:\n\n\`\`\`\n{% instagram ${POST} %}\n\`\`\`\n\nDone.`, 'markdown'],
    [`Usage:\n\n~~~~\n${POST}\n~~~~\n`, 'markdown'],
    ['Hugo prints it as {{</* instagram B3IHhXZgz2Y */>}}:\n\n{{</* instagram B3IHhXZgz2Y */>}}\n', 'markdown'],
    [`Say [instagram url=${POST}] to embed a post.`, 'markdown'],
    [article(`<footer class="site-footer"><div><a href="${POST}">${POST}</a></div></footer>`), 'html'],
    [article(`<nav><p><a href="${POST}">Our latest post</a></p></nav>`), 'html'],
    [
      article(
        `<div id="sb_instagram" class="sbi"><div class="sbi_item"><a class="sbi_photo" href="${POST}"><span>Instagram post 1</span></a></div></div>`,
      ),
      'html',
    ],
    [article(`<aside><div><a href="${POST}">${POST}</a></div></aside>`), 'html'],
  ] as const)('no embed: a code sample, an escaped or inline tag, a link in the page chrome or a feed widget (%#)', (text, format) => {
    expect(findEmbeds(text, format, NOW)).toEqual([]);
  });

  it("a layout word on the article's own container (has-sidebar) does not make its post link chrome; a div footer does", () => {
    const page = (footer: string) =>
      `<html><body class="post-template has-sidebar"><div class="site-content no-sidebar"><article><p>Intro.</p>\n<p><a href="${POST}">${POST}</a></p>\n</article></div>${footer}</body></html>`;
    expect(only(findEmbeds(page(''), 'html', NOW))).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
    const withFooter = page(
      '<div id="colophon" class="site-footer"><p><a href="https://www.instagram.com/p/B3IHhXZgz2Z/">Latest</a></p></div>',
    );
    expect(findEmbeds(withFooter, 'html', NOW).map((e) => e.shortcode)).toEqual(['B3IHhXZgz2Y']);
  });
});

interface LeftoverCase {
  lang: string;
  header: string;
  byline: string;
  name: string;
  handle: string;
  dateText: string | null;
}

const LEFTOVERS: LeftoverCase[] = [
  {
    lang: 'en',
    header: 'View this post on Instagram',
    byline: 'A post shared by Jane Doe (@jane.doe) on Feb 15, 2020 at 4:21pm PST',
    name: 'Jane Doe',
    handle: 'jane.doe',
    dateText: 'Feb 15, 2020 at 4:21pm PST',
  },
  {
    lang: 'en photo',
    header: '',
    byline: 'A photo posted by Jay De La Cueva (@jaydelacueva) on May 10, 2015 at 10:51am PDT',
    name: 'Jay De La Cueva',
    handle: 'jaydelacueva',
    dateText: 'May 10, 2015 at 10:51am PDT',
  },
  {
    lang: 'en video',
    header: '',
    byline: 'A video posted by Takanashi, Ginpei (@ginpei) on Nov 11, 2014 at 12:41am PST',
    name: 'Takanashi, Ginpei',
    handle: 'ginpei',
    dateText: 'Nov 11, 2014 at 12:41am PST',
  },
  {
    lang: 'de',
    header: 'Sieh dir diesen Beitrag auf Instagram an',
    byline: 'Ein Beitrag geteilt von SKEP (@skep.association) am 23. Okt 2017 um 0:31 Uhr',
    name: 'SKEP',
    handle: 'skep.association',
    dateText: '23. Okt 2017 um 0:31 Uhr',
  },
  {
    lang: 'de older',
    header: 'Diesen Beitrag auf Instagram ansehen',
    byline: 'Ein Beitrag geteilt von Benjamin Näßler (he/him) (@3ensta)',
    name: 'Benjamin Näßler (he/him)',
    handle: '3ensta',
    dateText: null,
  },
  {
    lang: 'fr',
    header: 'Voir cette publication sur Instagram',
    byline: 'Une publication partagée par Karen Villarreal (@karen_vi) le 29 Mars 2017 à 11h25 PDT',
    name: 'Karen Villarreal',
    handle: 'karen_vi',
    dateText: '29 Mars 2017 à 11h25 PDT',
  },
  {
    lang: 'es',
    header: 'Ver esta publicación en Instagram',
    byline: 'Una publicación compartida por Jhon Paulo (@jhon_p16) publicada el 1 de Nov de 2018 a las 9:47 PDT',
    name: 'Jhon Paulo',
    handle: 'jhon_p16',
    dateText: '1 de Nov de 2018 a las 9:47 PDT',
  },
  {
    lang: 'it',
    header: 'Visualizza questo post su Instagram',
    byline: 'Un post condiviso da Chiara (@chiara.it)',
    name: 'Chiara',
    handle: 'chiara.it',
    dateText: null,
  },
  {
    lang: 'pt-BR',
    header: 'Ver essa foto no Instagram',
    byline: 'Uma publicação compartilhada por Wellington Mitrut (@wmitrut) em 19 de Dez, 2013 às 12:56 PST',
    name: 'Wellington Mitrut',
    handle: 'wmitrut',
    dateText: '19 de Dez, 2013 às 12:56 PST',
  },
  {
    lang: 'pt',
    header: 'Visualizar esta foto no Instagram.',
    byline: 'Uma publicação compartilhada por W M (@wm)',
    name: 'W M',
    handle: 'wm',
    dateText: null,
  },
  {
    lang: 'pt new',
    header: 'Ver esta publicação no Instagram',
    byline: 'Uma publicação compartilhada por Ana (@ana)',
    name: 'Ana',
    handle: 'ana',
    dateText: null,
  },
  {
    lang: 'nl',
    header: 'Dit bericht op Instagram bekijken',
    byline: 'Een bericht gedeeld door Sanne (@sanne_nl)',
    name: 'Sanne',
    handle: 'sanne_nl',
    dateText: null,
  },
  {
    lang: 'ja',
    header: 'この投稿をInstagramで見る',
    byline: 'Shogo Sensuiさん(@1000ch)がシェアした投稿 - 2017 2月 1 4:46午前 PST',
    name: 'Shogo Sensui',
    handle: '1000ch',
    dateText: '2017 2月 1 4:46午前 PST',
  },
  {
    lang: 'ja v14',
    header: 'この投稿をInstagramで見る',
    byline: 'RADWIMPS(@radwimps_jp)がシェアした投稿',
    name: 'RADWIMPS',
    handle: 'radwimps_jp',
    dateText: null,
  },
  {
    lang: 'ko',
    header: 'Instagram에서 이 게시물 보기',
    byline: 'doubly8f(@doubly8f)님의 공유 게시물님, 2020 6월 12 6:50오전 PDT',
    name: 'doubly8f',
    handle: 'doubly8f',
    dateText: '2020 6월 12 6:50오전 PDT',
  },
  {
    lang: 'ko v14',
    header: 'Instagram에서 이 게시물 보기',
    byline: 'Nani Shin(@nanishin)님의 공유 게시물',
    name: 'Nani Shin',
    handle: 'nanishin',
    dateText: null,
  },
];

describe('leftover text of embeds that lost their markup', () => {
  it.each(LEFTOVERS.map((c) => [c.lang, c] as const))('%s, as plain-text lines', (_lang, c) => {
    const text = `Intro line.\n\n${c.header}\nA caption 🌧️ with @someone\n${c.byline}\n\nNext paragraph.`;
    const embed = only(findEmbeds(text, 'text', NOW));
    expect(embed).toMatchObject({ found: 'text', shortcode: null, author: { name: c.name, handle: c.handle }, dateText: c.dateText });
    // Without a header line there is no telling the caption from the article (v4-style byline).
    expect(embed.caption).toBe(c.header ? 'A caption 🌧️ with @someone' : null);
    expect(embed.contentKey).toMatch(/^[0-9a-f]{64}$/);
    expect(slice(text, embed).startsWith(c.header || c.byline)).toBe(true);
    expect(slice(text, embed).endsWith(c.byline.slice(-8))).toBe(true);
  });

  it.each(LEFTOVERS.filter((c) => c.header).map((c) => [c.lang, c] as const))('%s, as HTML paragraphs', (_lang, c) => {
    const leftover = `<p>${c.header}</p>\n<p>A caption<br>second line</p>\n<p>${c.byline}</p>`;
    const html = article(leftover);
    const embed = only(findEmbeds(html, 'html', NOW));
    expect(embed).toMatchObject({ found: 'text', author: { name: c.name, handle: c.handle }, caption: 'A caption\nsecond line' });
    expect(slice(html, embed)).toBe(leftover);
  });

  it('a Markdown export of a captioned embed: the caption is the label of a link to the post on its own line above the byline', () => {
    const code = 'BJUwblshYNb';
    const quoted = `> [Staff T-shirts are here! #kwsk01](https://www.instagram.com/p/${code}/)\n> \n> \n> igaigaさん(@igaiga555)が投稿した写真 - 2016 8月 20 1:46午前 PDT`;
    const text = `Intro paragraph.\n\n${quoted}\n\nNext paragraph.`;
    const embed = only(findEmbeds(text, 'markdown', NOW));
    expect(embed).toMatchObject({
      found: 'text',
      shortcode: code,
      caption: 'Staff T-shirts are here! #kwsk01',
      author: { name: 'igaiga', handle: 'igaiga555' },
    });
    expect(slice(text, embed)).toBe(quoted);
    // Prose around the link cites the post: the byline stays a post without its link or caption.
    const cited = `See [the shirts](https://www.instagram.com/p/${code}/) we made.\n\nigaigaさん(@igaiga555)が投稿した写真 - 2016 8月 20 1:46午前 PDT\n`;
    expect(only(findEmbeds(cited, 'markdown', NOW))).toMatchObject({ shortcode: null, caption: null });
  });

  it('a Markdown link whose label holds a character reference is still one link, the reference decoded', () => {
    const code = 'BXiXmmuAoyg';
    const byline = `> [A post shared by Nick O&#39;Leary (@knolleary)](https://www.instagram.com/p/${code}/?a=1&amp;b=2) on Aug 8, 2017 at 7:58am PDT`;
    const text = `Intro paragraph.\n\n${byline}\n\nNext paragraph.`;
    const embed = only(findEmbeds(text, 'markdown', NOW));
    expect(embed).toMatchObject({ found: 'text', shortcode: code, author: { name: "Nick O'Leary", handle: 'knolleary' } });
    expect(embed.dateText).toBe('Aug 8, 2017 at 7:58am PDT');
    expect(slice(text, embed)).toBe(byline);
  });

  it('copes with white space lost between the pieces', () => {
    const text =
      'View this post on InstagramRainy day 🌧️A post shared by Jane Doe (@jane) on Feb 15, 2020 at 4:21pm PSTThe article goes on.';
    const embed = only(findEmbeds(text, 'text', NOW));
    expect(embed).toMatchObject({
      caption: 'Rainy day 🌧️',
      author: { name: 'Jane Doe', handle: 'jane' },
      dateText: 'Feb 15, 2020 at 4:21pm PST',
    });
    expect(embed.takenAt).toBe('2020-02-16T00:21:00Z');
    expect(embed.takenAtSource).toBe('article-date-text');
    expect(embed.review).toEqual({ confidence: 'low', reasons: ['leftover', 'no-url'] });
  });

  it('takes the LAST (@…) group of the byline as the handle, never a caption mention', () => {
    const text = 'View this post on Instagram\nWith my friend (@kevin) today\nA post shared by 𝐋𝐚𝐮𝐫𝐞 | 𝐃𝐞𝐜𝐨 (she/her) (@lanostradeco)\n';
    const embed = only(findEmbeds(text, 'text', NOW));
    expect(embed.author).toEqual({ name: '𝐋𝐚𝐮𝐫𝐞 | 𝐃𝐞𝐜𝐨 (she/her)', handle: 'lanostradeco' });
    expect(embed.caption).toBe('With my friend (@kevin) today');
    expect(embed.dateText).toBeNull();
    expect(embed.takenAt).toBeNull();
  });

  it('a byline ending its line with the template date and time counts though text precedes it; one without a time does not', () => {
    const dated = 'Le texte.\n\n date 2020-02 A post shared by Jane Doe (@jane) on Feb 25, 2020 at 9:14am PST\n\nLa suite.';
    const embed = only(findEmbeds(dated, 'text', NOW));
    expect(embed).toMatchObject({ found: 'text', author: { name: 'Jane Doe', handle: 'jane' }, dateText: 'Feb 25, 2020 at 9:14am PST' });
    expect(embed.takenAt).toBe('2020-02-25T17:14:00Z');
    // A sentence naming a post and a day, or a timed byline the sentence goes on after, is prose.
    expect(findEmbeds('She wrote it in A post shared by Jane Doe (@jane) on Feb 25, 2020.\n', 'text', NOW)).toEqual([]);
    expect(findEmbeds('Then A post shared by Jane Doe (@jane) on Feb 25, 2020 at 9:14am PST went viral.\n', 'text', NOW)).toEqual([]);
  });

  it('a name-less suffix byline ("@handleがシェアした投稿") gives the handle and the date, not a caption', () => {
    const md = `Text.\n\n> <blockquote class="instagram-media" data-instgrm-permalink="${POST}" data-instgrm-version="12"><div><a href="${POST}">この投稿をInstagramで見る</a></div><p><a href="${POST}">@grimrose7がシェアした投稿</a> - <time datetime="2019-05-18T09:44:46+00:00">2019年 5月月18日午前2時44分PDT</time></p></blockquote>\n\nMore.`;
    const embed = only(findEmbeds(md, 'markdown', NOW));
    expect(embed).toMatchObject({
      author: { name: null, handle: 'grimrose7' },
      caption: null,
      datetime: '2019-05-18T09:44:46+00:00',
      dateText: '2019年 5月月18日午前2時44分PDT',
    });
  });

  it('a name-less v12 byline whose handle is the profile link’s text ("@<a> handle</a>がシェアした投稿") gives the handle, not a caption', () => {
    const profile = (words: string) =>
      `<p style=" color:#c9c8cd;">${words.replace('HANDLE', '@<a href="https://www.instagram.com/chroju/" target="_blank"> chroju</a>')} <time datetime="2019-05-23T12:17:49+00:00">2019年 5月月23日午前5時17分PDT</time></p>`;
    const quote = (byline: string) =>
      article(
        `<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https://www.instagram.com/p/BxzgRXqAKWD/" data-instgrm-version="12"><div><a href="https://www.instagram.com/p/BxzgRXqAKWD/"><div>この投稿をInstagramで見る</div></a> <p><a href="https://www.instagram.com/p/BxzgRXqAKWD/">corne chocolate 買っちった</a></p> ${byline}</div></blockquote>`,
      );
    expect(only(findEmbeds(quote(profile('HANDLEがシェアした投稿 -')), 'html', NOW))).toMatchObject({
      shortcode: 'BxzgRXqAKWD',
      author: { name: null, handle: 'chroju' },
      caption: 'corne chocolate 買っちった',
      datetime: '2019-05-23T12:17:49+00:00',
      dateText: '2019年 5月月23日午前5時17分PDT',
    });
    // The same template in a language whose words come first.
    expect(only(findEmbeds(quote(profile('A post shared by HANDLE on')), 'html', NOW))).toMatchObject({
      author: { name: null, handle: 'chroju' },
      caption: 'corne chocolate 買っちった',
    });
    // A profile link with no text leaves "@ on": the connector word is no handle.
    for (const byline of [
      'A post shared by @ on May 23, 2019 at 5:17am PDT',
      'Ein Beitrag geteilt von @ am 23. Mai 2019 um 5:17 Uhr',
      'Una publicación compartida de @ el 23 may 2019 a las 5:17 PDT',
    ]) {
      expect(findEmbeds(`Intro paragraph.\n\n${byline}\n\nClosing paragraph.\n`, 'text', NOW), byline).toEqual([]);
    }
  });

  it('reads a Markdown conversion whose caption is a link label as long as a caption may be', () => {
    const caption = `Long caption ${'#tag '.repeat(420)}end`.trim();
    const md = [
      'Intro.',
      '',
      `> [View this post on Instagram](${POST})`,
      '>',
      `> [${caption}](${POST})`,
      '>',
      '> A post shared by [Jane](https://www.instagram.com/jane/) (@jane) on Feb 18, 2020 at 8:37am PST',
      '',
      'After.',
    ].join('\n');
    expect(caption.length).toBeGreaterThan(2000);
    expect(only(findEmbeds(md, 'markdown', NOW))).toMatchObject({
      shortcode: 'B3IHhXZgz2Y',
      caption,
      author: { name: 'Jane', handle: 'jane' },
    });
  });

  it('reads a Markdown conversion: quote prefixes, link byline, escaped underscore, raw <time>', () => {
    const md = [
      'Some intro.',
      '',
      '> View this post on Instagram',
      '> ',
      '> Sunset over the bay',
      '> ',
      `> [A post shared by Jhon Paulo (@jhon\\_p16)](${POST}?utm_source=ig_embed&utm_medium=loading)`,
      '> on <time datetime="2019-10-02T19:03:14+00:00">Oct 2, 2019 at 12:03pm PDT</time>',
      '',
      'After.',
    ].join('\n');
    const embed = only(findEmbeds(md, 'markdown', NOW));
    expect(embed).toMatchObject({
      found: 'text',
      shortcode: 'B3IHhXZgz2Y',
      permalink: `${POST}?utm_source=ig_embed&utm_medium=loading`,
      author: { name: 'Jhon Paulo', handle: 'jhon_p16' },
      caption: 'Sunset over the bay',
      datetime: '2019-10-02T19:03:14+00:00',
      dateText: 'Oct 2, 2019 at 12:03pm PDT',
      contentKey: null,
    });
    expect(slice(md, embed)).toBe(md.split('\n').slice(2, 8).join('\n'));
  });

  it('converts PST and PDT to UTC, and a zoneless date as Pacific time', () => {
    expect(parseVisibleDate('Feb 15, 2020 at 4:21pm PST')).toBe('2020-02-16T00:21:00Z');
    expect(parseVisibleDate('Jun 8, 2018 at 8:58pm PDT')).toBe('2018-06-09T03:58:00Z');
    expect(parseVisibleDate('23. Okt 2017 um 0:31 Uhr')).toBe('2017-10-23T07:31:00Z');
    expect(parseVisibleDate('2016 12月 15 3:45午前 PST')).toBe('2016-12-15T11:45:00Z');
    expect(parseVisibleDate('29 Mars 2017 à 11h25 PDT')).toBe('2017-03-29T18:25:00Z');
    expect(parseVisibleDate('1 de Nov de 2018 a las 9:47 PDT')).toBe('2018-11-01T16:47:00Z');
    expect(parseVisibleDate('2017 8월 30 오전 2:31 PDT')).toBe('2017-08-30T09:31:00Z');
    expect(parseVisibleDate('Feb 15 at 4:21pm')).toBeNull();
    // Localised forms with minutes, in their stated zone (locale samples, 2026-12).
    expect(parseVisibleDate('Joulu 12, 2019 kello 11.37 PST')).toBe('2019-12-12T19:37:00Z');
    expect(parseVisibleDate('Cze 24, 2020 o 6:44 PDT')).toBe('2020-06-24T13:44:00Z');
    expect(parseVisibleDate('20 Авг 2019 в 8:43 PDT')).toBe('2019-08-20T15:43:00Z');
    expect(parseVisibleDate('Ápr 29., 2020, időpont: 1:48 (PDT időzóna szerint)')).toBe('2020-04-29T08:48:00Z');
    expect(parseVisibleDate('27 de abril de 2020 a las 9:24 a.m. PDT')).toBe('2020-04-27T16:24:00Z');
    expect(parseVisibleDate('2020年2月15日 下午4:21 PST')).toBe('2020-02-16T00:21:00Z');
    expect(parseVisibleDate('15 févr. 2020 à 16:21 UTC+1')).toBe('2020-02-15T15:21:00Z');
    // fi v7: the month as its number with the partitive ending, before the clock's "9.18" (code index 25110148128).
    expect(parseVisibleDate('27. 08ta 2016 klo 9.18 PDT')).toBe('2016-08-27T16:18:00Z');
    // ja v12: the clock in kanji, 時 and 分 (code index 22538138210).
    expect(parseVisibleDate('2019年 5月月23日午前5時17分PDT')).toBe('2019-05-23T12:17:00Z');
  });

  it('datetime beats the visible text; a stated time before the upload is impossible and the shortcode wins', () => {
    const noUrl =
      'View this post on Instagram\nA post shared by A (@a) on <time datetime="2014-11-18T09:40:24+00:00">Nov 11, 2014 at 1:40am PST</time>\n';
    const fromDatetime = only(findEmbeds(noUrl, 'markdown', NOW));
    expect(fromDatetime).toMatchObject({
      takenAt: '2014-11-18T09:40:24Z',
      takenAtSource: 'article-datetime',
      dateText: 'Nov 11, 2014 at 1:40am PST',
    });
    expect(fromDatetime.review.reasons).toContain('date-disagrees');

    // B3IHhXZgz2Y decodes to 2019-10-02T19:02:34Z: a 2014 datetime is hand-edited.
    const withUrl = noUrl.replace('A post shared by A (@a)', `[A post shared by A (@a)](${POST})`);
    const fromShortcode = only(findEmbeds(withUrl, 'markdown', NOW));
    expect(fromShortcode).toMatchObject({
      takenAt: '2019-10-02T19:02:34Z',
      takenAtSource: 'shortcode',
      datetime: '2014-11-18T09:40:24+00:00',
    });
    expect(fromShortcode.review).toMatchObject({ confidence: 'medium', reasons: expect.arrayContaining(['time-conflict']) });

    // Published 40 s after the upload: Instagram's own datetime is the publish time.
    const later = withUrl
      .replace('2014-11-18T09:40:24+00:00', '2019-10-02T19:03:14+00:00')
      .replace('Nov 11, 2014 at 1:40am PST', 'Oct 2, 2019 at 12:03pm PDT');
    expect(only(findEmbeds(later, 'markdown', NOW))).toMatchObject({ takenAt: '2019-10-02T19:03:14Z', takenAtSource: 'article-datetime' });
    // A visible minute that holds the upload second keeps the second; a later minute wins.
    const sameMinute = later.replace(/ on <time[\s\S]*<\/time>/, ' on Oct 2, 2019 at 12:02pm PDT');
    expect(only(findEmbeds(sameMinute, 'markdown', NOW))).toMatchObject({ takenAt: '2019-10-02T19:02:34Z', takenAtSource: 'shortcode' });
    const laterMinute = later.replace(/ on <time[\s\S]*<\/time>/, ' on Oct 2, 2019 at 12:09pm PDT');
    expect(only(findEmbeds(laterMinute, 'markdown', NOW))).toMatchObject({
      takenAt: '2019-10-02T19:09:00Z',
      takenAtSource: 'article-date-text',
    });
  });

  it('gives the same contentKey to the same leftover twice and different keys to different ones', () => {
    const a = 'View this post on Instagram\nRain\nA post shared by Jane (@jane) on Feb 15, 2020 at 4:21pm PST\n';
    const b = a.replace('Rain', 'Sun');
    const [first, second, third] = findEmbeds(`${a}\nMiddle text.\n\n${a}\n\n${b}`, 'text', NOW);
    expect(first?.contentKey).toMatch(/^[0-9a-f]{64}$/);
    expect(second?.contentKey).toBe(first?.contentKey);
    expect(third?.contentKey).not.toBe(first?.contentKey);
    // Re-serialised white space does not change the key.
    const html = only(
      findEmbeds(
        article(`<p>View this post on Instagram</p><p>  Rain </p><p>A post shared by  Jane (@jane) on Feb 15, 2020 at 4:21pm PST</p>`),
        'html',
        NOW,
      ),
    );
    expect(html.contentKey).toBe(first?.contentKey);
  });

  it.each([
    ['I saw it on Instagram last week and could not stop laughing.', 'text'],
    ['Readers often see "View this post on Instagram" where an embed failed to load.', 'text'],
    [article('<p>Embeds show “View this post on Instagram” when blocked.</p>'), 'html'],
    [article('<blockquote><p>Best day ever!</p>— she wrote on Instagram</blockquote>'), 'html'],
    ['A post shared by Kim (@kim) went viral on Monday and everyone talked about it.\n', 'text'],
    [article(`<p>Paste this:</p><pre><code>${escapeHtml(V8)}</code></pre>`), 'html'],
  ] as const)('no embed in an article that only talks about Instagram (%#)', (text, format) => {
    expect(findEmbeds(text, format, NOW)).toEqual([]);
  });

  it.each([
    [
      'Markdown quote, a line of quote marks below the header',
      'Intro.\n\n> View this post on Instagram\n>\n> Sunset over the bay\n\nAfter.',
      'markdown',
    ],
    [
      'HTML, header and caption the only text of their blockquote',
      article('<blockquote><p>View this post on Instagram</p><p>Sunset over the bay</p></blockquote>'),
      'html',
    ],
    [
      'HTML, the same in a plain div',
      article('<div class="ig"><div>View this post on Instagram</div><p>Sunset over the bay</p></div>'),
      'html',
    ],
  ] as const)('a header that lost its byline and link keeps its caption when tied to it: %s', (_label, text, format) => {
    const embed = only(findEmbeds(text, format, NOW));
    expect(embed).toMatchObject({ found: 'text', caption: 'Sunset over the bay', author: { name: null, handle: null } });
    expect(embed.review.reasons).toContain('caption-only');
  });

  it.each([
    [
      'text, the next paragraph right below the header',
      'Intro.\nView this post on Instagram\nThe singer later said more about it.\nAfter.',
      'text',
    ],
    ['text, a related-links list below the header', 'Have a look:\nView this post on Instagram\nRead More\nAnother story\n', 'text'],
    [
      'HTML, the next paragraph of the article',
      article('<p>View this post on Instagram</p><p>The singer later said more about it.</p>'),
      'html',
    ],
  ] as const)('a lone header followed by the article’s own text is no post: %s', (_label, text, format) => {
    expect(findEmbeds(text, format, NOW)).toEqual([]);
  });

  it.each([
    [
      'the site’s “read also” aside in the paragraph',
      'Intro.\n\nView this post on Instagram\n\nThe couple married in 2017 and share their memories online. (Read also: Another story of the day)\n\nAfter.',
    ],
    [
      'the same in Spanish, the article going on after it',
      'Intro.\n\nVer esta publicación en Instagram\n\nLa pareja se casó en 2017. (Lea también: Otra noticia del día)\n\nMás texto.',
    ],
    [
      'a quotation the article reports, closed by its speaker clause',
      'Intro.\n\nView this post on Instagram\n\n“What I like least are the absences”, she told the magazine.\n\nAfter.',
    ],
  ] as const)('one empty line below a lone header: the page’s own paragraph is no caption: %s', (_label, text) => {
    expect(findEmbeds(text, 'text', NOW)).toEqual([]);
    // With a link to the post below the header, the post stands, without that paragraph for caption.
    const linked = text.replace('Intro.', `Intro.\n\n${POST}`);
    expect(findEmbeds(linked, 'text', NOW).map((e) => e.caption)).not.toContain(expect.stringContaining('2017'));
  });

  it('one empty line below a lone header: a caption paragraph is kept, a short line the page goes on after is its subheading', () => {
    const below = (line: string, after = '\n\nThe article goes on with its next paragraph.\n') =>
      `Intro paragraph.\n\nView this post on Instagram\n\n${line}${after}`;
    // What the empty line ties to the header in every real sample: a sentence or more, or a caption's marks.
    for (const caption of [
      'Sunset over the bay.',
      'Sunset over the bay 🌅',
      'Sunset over the bay #nofilter',
      'Yesterday was an emotional day. My amazing hubby decided to retire from playing football',
    ]) {
      expect(only(findEmbeds(below(caption), 'text', NOW)), caption).toMatchObject({ found: 'text', caption });
    }
    // A few bare words the article goes on after: its subheading (web: localnewswave.com, 2026-12).
    expect(findEmbeds(below('¿De dónde surgió la idea?'), 'text', NOW)).toEqual([]);
    expect(findEmbeds(below('Sunset over the bay'), 'text', NOW)).toEqual([]);
    // The same words ending the stored text, or tied closer by a Markdown quote or a link, are the caption.
    expect(only(findEmbeds(below('Sunset over the bay', '\n'), 'text', NOW)).caption).toBe('Sunset over the bay');
    const quoted = 'Intro.\n\n> View this post on Instagram\n>\n> Sunset over the bay\n\nAfter.';
    expect(only(findEmbeds(quoted, 'markdown', NOW)).caption).toBe('Sunset over the bay');
    // A quote that holds the header but not the line, or a Markdown heading, ties nothing.
    const halfQuoted = 'Intro.\n\n> View this post on Instagram\n\n¿De dónde surgió la idea?\n\nThe article goes on.';
    expect(findEmbeds(halfQuoted, 'markdown', NOW)).toEqual([]);
    expect(findEmbeds(below('## ¿De dónde surgió la idea?'), 'markdown', NOW)).toEqual([]);
    // The next embed's header or an ad slot's label after the line is not the page going on.
    const twice = `${below('Sunset over the bay', '\n\nView this post on Instagram\n\nBeach day 🌊\n\nAfter.\n')}`;
    expect(findEmbeds(twice, 'text', NOW).map((e) => e.caption)).toEqual(['Sunset over the bay', 'Beach day 🌊']);
    expect(only(findEmbeds(below('Sunset over the bay', '\n\nAdvertisement\n'), 'text', NOW)).caption).toBe('Sunset over the bay');
    const linked = below('Sunset over the bay').replace('View this post on Instagram', `[View this post on Instagram](${POST})`);
    expect(only(findEmbeds(linked, 'markdown', NOW))).toMatchObject({ shortcode: 'B3IHhXZgz2Y' });
  });

  it('one empty line below a lone header: a caption that quotes, or asks to read more, is kept', () => {
    // A caption may quote and name the speaker in its own words, or send readers to the link in bio.
    for (const caption of ['“Be the change” – Gandhi', 'New video out now! Read more: link in bio']) {
      expect(only(findEmbeds(`Intro.\n\nView this post on Instagram\n\n${caption}\n\nAfter.`, 'text', NOW)).caption).toBe(caption);
    }
  });

  it('one line break below a lone header: a caption the store cut off, in another language than the page, is kept', () => {
    const page =
      'La cantante estadounidense era la persona con más seguidores en la red social desde 2016, pero su reinado parece haber llegado al final.';
    const caption =
      'Speaking from my heart for over an hour to someone who puts those thoughts into words can be hard for me. The older I get the more I want my voice to be';
    const cut = `${page}\nVer esta publicación en Instagram\n${caption}`;
    expect(only(findEmbeds(cut, 'text', NOW))).toMatchObject({ found: 'text', caption, author: { name: null, handle: null } });
    // The page's own next paragraph, in the page's language, is no caption even where the store cut it.
    const own =
      'Según la revista, el delantero portugués ha alcanzado más seguidores que la artista, que registró menos ese mismo año en la';
    expect(findEmbeds(`${page}\nVer esta publicación en Instagram\n${own}`, 'text', NOW)).toEqual([]);
    // A foreign paragraph that does not end the text is the page quoting the post, not its caption.
    expect(findEmbeds(`${cut}.\nLa publicación recibió más de un millón de comentarios en pocas horas.\n`, 'text', NOW)).toEqual([]);
  });

  it('one line break below a lone header: the line the article quoted just above is the caption, a paragraph that goes on anew is not', () => {
    const quote = 'She wrote that "the sea was calmer than ever this morning, so we stayed until noon" under the photo.';
    const caption = 'The sea was calmer than ever this morning, so we stayed until noon 🌊';
    const text = `Intro.\n${quote}\nView this post on Instagram\n${caption}\nThe photo had a thousand likes within an hour.\n`;
    const embed = only(findEmbeds(text, 'text', NOW));
    expect(embed).toMatchObject({ found: 'text', caption, author: { name: null, handle: null } });
    expect(slice(text, embed)).toBe(`View this post on Instagram\n${caption}`);
    // The page's next paragraph shares a few words with the text above, not a run of them.
    const own = 'The sea was calmer this morning than the forecast said, and the beach stayed empty.';
    expect(findEmbeds(`Intro.\n${quote}\nView this post on Instagram\n${own}\n`, 'text', NOW)).toEqual([]);
  });

  it('takes a lone close mark below a lone header for the overlay’s button, not a caption', () => {
    for (const mark of ['X', '×', '✕']) {
      expect(findEmbeds(`Check out the announcement below.\n\nView this post on Instagram\n\n${mark}\n`, 'text', NOW)).toEqual([]);
    }
    // A one-word caption that is not a close mark is kept.
    expect(only(findEmbeds('Below.\n\nView this post on Instagram\n\nXO\n', 'text', NOW)).caption).toBe('XO');
    // With its byline the post stands, whatever its caption.
    const withByline = 'Below.\n\nView this post on Instagram\n\nX\n\nA post shared by Drake (@champagnepapi)\n';
    expect(only(findEmbeds(withByline, 'text', NOW)).author).toEqual({ name: 'Drake', handle: 'champagnepapi' });
  });

  it('takes the first words of a byline the store cut off below a lone header for no caption', () => {
    for (const cut of ['Post ', 'Post udostępniony', 'A post shared', 'Un post condiviso da']) {
      const header = cut.startsWith('A ') ? 'View this post on Instagram' : 'Wyświetl ten post na Instagramie';
      expect(findEmbeds(`Zobacz post:\n\n${header}\n\n \n\n${cut}`, 'text', NOW)).toEqual([]);
    }
    // Those words with more text after them are a caption, where a Markdown quote ties them to the header.
    const captioned = 'Zobacz post:\n\n> Wyświetl ten post na Instagramie\n>\n> Post\n\nDalszy ciąg artykułu.\n';
    expect(only(findEmbeds(captioned, 'markdown', NOW)).caption).toBe('Post');
    // A caption that ends the text but is not the start of a byline is kept.
    expect(only(findEmbeds('Zobacz post:\n\nWyświetl ten post na Instagramie\n\nPosty z wakacji', 'text', NOW)).caption).toBe(
      'Posty z wakacji',
    );
  });
});

describe('suffix bylines back to back', () => {
  it('gives each suffix byline on a shared line its own name, never one that holds the byline before it', () => {
    const headed =
      'はじめに。\n\nこの投稿をInstagramで見る 花子(@hanako)がシェアした投稿 - 2019年 5月23日 太郎(@taro)がシェアした投稿 - 2019年 5月24日\n\n終わり。';
    expect(findEmbeds(headed, 'text', NOW).map((e) => [e.author.name, e.author.handle])).toEqual([['花子', 'hanako']]);
    // Without a header neither stands alone; the second is no post whose name is the first byline.
    const bare = 'はじめに。\n\n花子(@hanako)がシェアした投稿 - 2019年 5月23日 太郎(@taro)がシェアした投稿\n\n終わり。';
    for (const embed of findEmbeds(bare, 'text', NOW)) expect(embed.author.name ?? '').not.toContain('がシェアした投稿');
  });
});

describe('embed code on the lines of a doc comment', () => {
  const quote = (code: string, close = '</blockquote>') =>
    `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/${code}/">${close}`;
  it('reads each of the embeds a doc comment lists line by line, read as one run, each with its own range', () => {
    for (const close of ['</blockquote>', '']) {
      const source = [
        '<?php',
        '/**',
        ' * Samples:',
        ` * ${quote('B3IHhXZgz2Y', close)}`,
        ` * ${quote('BxzgRXqAKWD', close)}`,
        ' * Some prose between them.',
        ` * ${quote('CZIALixI8FH', close)}`,
        ' */',
        '',
      ].join('\n');
      const found = findEmbeds(source, 'text', NOW);
      expect(
        found.map((e) => e.shortcode),
        close,
      ).toEqual(['B3IHhXZgz2Y', 'BxzgRXqAKWD', 'CZIALixI8FH']);
      for (const embed of found) expect(slice(source, embed).startsWith('<blockquote')).toBe(true);
      expect(slice(source, found[0]!)).not.toContain('BxzgRXqAKWD');
    }
  });
});

describe('embeds commented out one after another', () => {
  const quote = (code: string, close: string) =>
    `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/${code}/">${close}`;
  it('reads each commented-out embed of a run, each range inside its own comment', () => {
    for (const close of ['</blockquote>', '']) {
      const page = article(`<!-- ${quote('B3IHhXZgz2Y', close)} -->\n<!-- ${quote('BxzgRXqAKWD', close)} -->\n<p>Text.</p>`);
      const found = findEmbeds(page, 'html', NOW);
      expect(
        found.map((e) => e.shortcode),
        close,
      ).toEqual(['B3IHhXZgz2Y', 'BxzgRXqAKWD']);
      for (const embed of found) expect(slice(page, embed)).not.toMatch(/-->|<!--/);
    }
  });
});

describe('replaceEmbeds', () => {
  it('replaces every found range and leaves everything else byte for byte', () => {
    const parts = [
      '<p>Start é 🌧️</p>\n',
      V8,
      '\n<p>middle</p>\n',
      `<p><a href="${POST}">${POST}</a></p>`,
      '\n<p>View this post on Instagram</p><p>A post shared by J (@j)</p>\n<p>end</p>',
    ];
    const html = parts.join('');
    const found = findEmbeds(html, 'html', NOW);
    expect(found.map((e) => e.found)).toEqual(['blockquote', 'link', 'text']);
    const out = replaceEmbeds(
      html,
      found.map((e, i) => ({ start: e.start, end: e.end, html: `[[${i}]]` })),
    );
    expect(out).toBe(`<p>Start é 🌧️</p>\n[[0]]\n<p>middle</p>\n[[1]]\n[[2]]\n<p>end</p>`);
    // The untouched pieces, compared one by one.
    let cursor = 0;
    for (const embed of found) {
      expect(out.includes(html.slice(cursor, embed.start))).toBe(true);
      cursor = embed.end;
    }
    expect(out.endsWith(html.slice(cursor))).toBe(true);
  });

  it('rejects overlapping and out-of-range replacements', () => {
    expect(() =>
      replaceEmbeds('abcdef', [
        { start: 1, end: 4, html: 'x' },
        { start: 3, end: 5, html: 'y' },
      ]),
    ).toThrow(RangeError);
    expect(() => replaceEmbeds('abc', [{ start: 2, end: 9, html: 'x' }])).toThrow(RangeError);
    expect(replaceEmbeds('abc', [])).toBe('abc');
  });
});

describe('detectFormat', () => {
  it.each([
    ['text/html; charset=utf-8', 'whatever', 'html'],
    ['text/markdown', '<p>raw html in markdown</p>', 'markdown'],
    [undefined, '<!doctype html><html><body><p>x</p></body></html>', 'html'],
    [undefined, '# Title\n\nSome [link](https://example.com).', 'markdown'],
    ['text/plain', 'Just words.\nMore words.', 'text'],
    [undefined, 'Just words.', 'text'],
  ] as const)('%s %j → %s', (type, body, expected) => {
    expect(detectFormat(type, body)).toBe(expected);
  });
});

describe('robustness', () => {
  it('100,000 nested <div>s around an embed', () => {
    const depth = 100_000;
    const html = `${'<div>'.repeat(depth)}${V14}${'</div>'.repeat(depth)}`;
    // A hang or a stack overflow fails this test (vitest's time-out guards the first).
    expect(only(findEmbeds(html, 'html', NOW)).shortcode).toBe('CZIALixI8FH');
  });

  it('unbalanced HTML: unclosed embed and stray closing tags', () => {
    const html = `</div></p><blockquote class="instagram-media" data-instgrm-permalink="${POST}"><div><p>A post shared by X (@x)</p>${'<div>'.repeat(1000)}<p>article goes on</p>\n<p><a href="https://www.instagram.com/p/CZIALixI8FH/">link</a></p>`;
    const found = findEmbeds(html, 'html', NOW);
    expect(found.map((e) => e.shortcode)).toEqual(['B3IHhXZgz2Y']);
    expect(found[0]?.author.handle).toBe('x');
  });

  it('binary garbage returns nothing', () => {
    let seed = 42;
    const chars: string[] = [];
    for (let i = 0; i < 300_000; i += 1) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      chars.push(String.fromCharCode(seed % 256));
    }
    const garbage = `${chars.join('')}<blockquote class="instagram-media${'<"\''.repeat(1000)}`;
    for (const format of ['html', 'markdown', 'text'] as const) expect(findEmbeds(garbage, format, NOW)).toEqual([]);
  });

  it('10,000 embeds in one article: complete results', () => {
    const forms = [
      `<blockquote class="instagram-media" data-instgrm-permalink="${POST}" data-instgrm-version="14"><p><a href="${POST}">A post shared by Jane (@jane)</a></p></blockquote>`,
      '<amp-instagram data-shortcode="CA_cG-LD4mc" layout="responsive"></amp-instagram>',
      `<p><a href="${POST}">${POST}</a></p>`,
      '<p>View this post on Instagram</p><p>A post shared by J (@j) on Feb 15, 2020 at 4:21pm PST</p>',
    ];
    const html = Array.from({ length: 10_000 }, (_, i) => `<p>para ${i}</p>${forms[i % forms.length]}`).join('\n');
    const found = findEmbeds(html, 'html', NOW);
    expect(found).toHaveLength(10_000);
    expect(found.filter((e) => e.found === 'text')).toHaveLength(2500);
    expect(found.filter((e) => e.found === 'link')).toHaveLength(2500);
  });

  it('a 1 MB article holding 50 embeds of mixed forms yields all 50 (its speed is in npm run bench)', () => {
    const html = buildMixedArticle(1_000_000, 50);
    const found = findEmbeds(html, 'html', NOW);
    expect(found).toHaveLength(50);
    expect(new Set(found.map((e) => e.found)).size).toBeGreaterThanOrEqual(4);
  });
});

function buildMixedArticle(size: number, embeds: number): string {
  const forms = [
    V8,
    V14,
    readFixture('instagram', 'embeds', '21.html'),
    readFixture('instagram', 'embeds', '40.html'),
    readFixture('instagram', 'embeds', '42.html'),
    `<p><a href="${POST}">${POST}</a></p>`,
    '<p>View this post on Instagram</p><p>A caption</p><p>A post shared by J (@j) on Feb 15, 2020 at 4:21pm PST</p>',
  ];
  const filler =
    '<p>Lorem ipsum dolor sit amet, <a href="https://example.com/">consectetur</a> adipiscing elit, sed do <em>eiusmod</em> tempor incididunt ut labore et dolore magna aliqua. Instagram is mentioned here.</p>\n';
  const per = Math.floor(size / embeds);
  let out = '';
  for (let i = 0; i < embeds; i += 1) {
    const form = forms[i % forms.length] ?? '';
    out += `${filler.repeat(Math.max(0, Math.floor((per - form.length) / filler.length))) + form}\n`;
  }
  return out;
}

describe('replacement inside an encoded copy keeps the copy valid', () => {
  const card = `<iframe src="https://embeds.example.com/embed/abc" title='A post' width="540"></iframe>`;
  const rewrite = (text: string, format: 'html' | 'text') =>
    replaceEmbeds(
      text,
      findEmbeds(text, format, NOW).map((e) => ({
        start: e.start,
        end: e.end,
        html: encodeReplacement(e.encodings, card),
      })),
    );

  it('a JSON string (Next.js page data) still parses and now holds our embed', () => {
    const page = readFixture('rescue', 'articles', 'next-data.html');
    const out = rewrite(page, 'html');
    const json = /<script id="__NEXT_DATA__" type="application\/json">([\s\S]*?)<\/script>/.exec(out)?.[1] ?? '';
    const body = (JSON.parse(json) as { props: { pageProps: { post: { body: string } } } }).props.pageProps.post.body;
    expect(body).toContain(card);
    expect(body).not.toContain('instagram-media');
    expect(body.startsWith('<p>El montaje final.</p>')).toBe(true);
  });

  it('an SQL dump keeps its string literal closed, with our embed escaped the same way', () => {
    const dump = readFixture('rescue', 'articles', 'wp-dump.sql');
    const out = rewrite(dump, 'text');
    expect(out).toContain(card.replace(/"/g, '\\"').replace(/'/g, "\\'"));
    expect(out).not.toContain('instagram-media');
    expect(out).toContain("\\r\\n<p>It\\'s a wrap.</p>','Ausflug'),(43,");
  });

  it('a consent attribute holding an escaped embed is replaced whole, with the element that holds it', () => {
    const page = readFixture('rescue', 'articles', 'news-de.html');
    const found = findEmbeds(page, 'html', NOW);
    const consent = found.find((e) => e.shortcode === 'CZIALixI8FH');
    expect(page.slice(consent?.start, consent?.end)).toMatch(/^<div class="cmp-embed-placeholder"[\s\S]*<\/button><\/div>$/);
    expect(consent?.encodings).toEqual([]);
  });
});

describe('forms met in real pages the rescue was not tuned on', () => {
  const v7 = (caption: string, byline: string) =>
    `<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-version="7"><div style="padding:8px;"> <p style=" margin:8px 0 0 0; padding:0 4px;"> <a href="${POST}" target="_blank">${caption}</a></p> <p style=" color:#c9c8cd;">${byline}</p></div></blockquote>`;

  it('reads embed markup that source code splits into string pieces joined with + or .', () => {
    const lines = [
      '<div class=\\"InstagramEmbed\\">',
      '  <blockquote class=\\"instagram-media\\"',
      `    data-instgrm-permalink=\\"${POST}\\" data-instgrm-version=\\"14\\">`,
      `    <p><a href=\\"${POST}\\">Una publicación compartida por GRAND M (@grand_m_officiel_)</a></p>`,
      '  </blockquote>',
      '</div>',
    ];
    for (const join of [' +\n      ', ' . ']) {
      const source = `String content = "<p>Intro</p>\\n" +\n      ${lines.map((l) => `"${l}\\n"`).join(join)};\n`;
      const embed = only(findEmbeds(source, 'text', NOW));
      expect(embed).toMatchObject({
        found: 'blockquote',
        shortcode: 'B3IHhXZgz2Y',
        author: { name: 'GRAND M', handle: 'grand_m_officiel_' },
      });
      expect(source.slice(embed.start, embed.end).startsWith('<div class=\\"InstagramEmbed')).toBe(true);
    }
    // Pieces that a comma or a colon separates are separate values: the blockquote's first piece stays alone.
    const listed = `[${lines.map((l) => `"${l}"`).join(', ')}]`;
    expect(findEmbeds(listed, 'text', NOW).filter((e) => e.found === 'blockquote')).toHaveLength(0);
  });

  it('reads markup written with the other quote inside a string broken into pieces over lines: the joins are no caption or date text', () => {
    // web/drupal-formatter-it.php: a v6 Italian embed in a PHP "…" string of `'` attributes, its
    // pieces joined with " .⏎ " — the caption and the <time> tag each cut by a join.
    const pieces = [
      `<blockquote class='instagram-media' data-instgrm-captioned data-instgrm-version='6'><div><p> <a href='${POST}' target='_blank'>Since I haven&#39;t posted in awhile!!! `,
      "#like4like#itssomething</a></p> <p style=' color:#c9c8cd;'>Una foto pubblicata da @tyler.from.winfield in data: ",
      "<time style=' font-family:Arial,sans-serif;' ",
      "datetime='2015-11-29T20:00:06+00:00'>29 Nov 2015 alle ore 12:00 PST</time></p></div></blockquote>",
    ];
    const read = {
      found: 'blockquote',
      shortcode: 'B3IHhXZgz2Y',
      caption: "Since I haven't posted in awhile!!! #like4like#itssomething",
      author: { name: null, handle: 'tyler.from.winfield' },
      datetime: '2015-11-29T20:00:06+00:00',
      dateText: '29 Nov 2015 alle ore 12:00 PST',
    };
    for (const [quote, join] of [
      ['"', ' .\n      '],
      ['"', ' +\n  '],
      ["'", ' +\n\t'],
    ] as const) {
      const written = quote === '"' ? pieces : pieces.map((p) => p.replace(/'/g, '"'));
      const source = `<?php\n$instagram = ${written.map((p) => `${quote}${p}${quote}`).join(join)};\n$edit = ['field' => $instagram];\n`;
      const embed = only(findEmbeds(source, 'text', NOW));
      expect(embed).toMatchObject(read);
      expect(source.slice(embed.start, embed.end).startsWith(`${quote}<blockquote`)).toBe(true);
    }
  });

  it('reads every joined string past the first thousand as its markup stands: their posts are found, one per string, in order', () => {
    const string = (k: number) =>
      `"<blockquote class='instagram-media'><a href='https://www.instagram.com/p/B3IHhXZg${String(k).padStart(3, '0')}/'>x</a> " .\n  "</blockquote>";\n`;
    const source = Array.from({ length: 1200 }, (_, k) => string(k)).join('');
    const found = findEmbeds(source, 'text', NOW);
    expect(found.map((embed) => embed.shortcode)).toEqual(Array.from({ length: 1200 }, (_, k) => `B3IHhXZg${String(k).padStart(3, '0')}`));
    // The first thousand are read from their decoded copies (each range starts at its opening quote); the rest as they stand.
    expect(source[found[999]!.start]).toBe('"');
    expect(source[found[1000]!.start]).toBe('<');
  });

  it('keeps a short first caption line that names Instagram when it holds a hashtag or an emoji, not a header', () => {
    const byline = 'Post udostępniony przez Ania (@ania) <time datetime="2017-08-27T14:23:03+00:00">27 Sie, 2017 o 7:23 PDT</time>';
    const withTag = `PS\n${v7('Od jutra na Instagramie #pracaprogramistyodkuchni ☕', byline)}\n`;
    expect(only(findEmbeds(withTag, 'markdown', NOW)).caption).toBe('Od jutra na Instagramie #pracaprogramistyodkuchni ☕');
    // A header in a language not listed is still chrome, not caption.
    const header = `PS\n${v7('Zobacz ten post na Instagramie', byline)}\n`;
    expect(only(findEmbeds(header, 'markdown', NOW)).caption).toBeNull();
  });

  it('knows the Czech v14 header without "tento", so a leftover keeps only its caption', () => {
    const leftover =
      'Intro.\n\nZobrazit příspěvek na Instagramu\n\nTrénink dorostu na Hájích\n\nPříspěvek sdílený HC Háje Praha (@hchajeprahacze)\n';
    expect(only(findEmbeds(leftover, 'text', NOW))).toMatchObject({
      found: 'text',
      caption: 'Trénink dorostu na Hájích',
      author: { name: 'HC Háje Praha', handle: 'hchajeprahacze' },
    });
  });

  it("reads an embed inside a PHP heredoc: `<<<EOT` outside HTML opens no tag that would swallow the embed's start tag", () => {
    const php = `\t\t$old_content = <<<EOT\n\t\tapples before\n\n\t\t${V8}\n\n\t\tbananas after\nEOT;\n`;
    expect(only(findEmbeds(php, 'text', NOW))).toMatchObject({
      found: 'blockquote',
      shortcode: only(findEmbeds(V8, 'html', NOW)).shortcode,
    });
  });

  it('reads the Thai byline word before the date ("เมื่อ") as the template, not as date text', () => {
    const html = article(
      v7(
        'Hojicha kakigori',
        'โพสต์ที่แชร์โดย Chi (@chizzwz) เมื่อ <time datetime="2017-07-31T15:33:58+00:00">ก.ค. 31, 2017 เวลา 8:33am PDT</time>',
      ),
    );
    expect(only(findEmbeds(html, 'html', NOW))).toMatchObject({
      author: { name: 'Chi', handle: 'chizzwz' },
      datetime: '2017-07-31T15:33:58+00:00',
      dateText: 'ก.ค. 31, 2017 เวลา 8:33am PDT',
    });
  });

  it("takes a header that lost its byline after a store's date stamp on its line, not after words", () => {
    const caption = 'Sono tanti mesi che non riesco ad abbracciare mia madre. Buona #festadellamamma';
    const stamped = ` date 2020-05 View this post on Instagram\n\n${caption}`;
    expect(only(findEmbeds(stamped, 'text', NOW))).toMatchObject({ found: 'text', caption });
    expect(findEmbeds(`She wrote View this post on Instagram\n\n${caption}`, 'text', NOW)).toEqual([]);
  });

  it('takes a byline that starts its line with its caption run on after the handle, not a sentence about a post', () => {
    const runOn = 'Intro.\nโพสต์ที่แชร์โดย gggubgib36 (@gggubgib36) *See you at Paragon Hall ❤️ #ggbbpp\nMore text.\n';
    expect(only(findEmbeds(runOn, 'text', NOW))).toMatchObject({ found: 'text', author: { name: 'gggubgib36', handle: 'gggubgib36' } });
    for (const prose of [
      'Intro.\nA post shared by Kim Kardashian (@kimkardashian) shows her new look.\n',
      'Intro.\nA post shared by Kim Kardashian (@kimkardashian), posted Monday.\n',
      'Intro.\nShe liked a post shared by Kim (@kim) Today.\n',
    ]) {
      expect(findEmbeds(prose, 'text', NOW)).toEqual([]);
    }
  });
  it('reads a byline printed again on the very next line as the same post, and two posts of one account apart as two', () => {
    const twice =
      'Intro.\nView this post on Instagram A post shared by Gal Gadot (@gal_gadot)\nA post shared by Gal Gadot (@gal_gadot)\n' +
      'View this post on Instagram A post shared by Mark Ruffalo (@markruffalo)\nA post shared by Mark Ruffalo (@markruffalo)\n';
    const found = findEmbeds(twice, 'text', NOW);
    expect(found.map((e) => e.author.handle)).toEqual(['gal_gadot', 'markruffalo']);
    expect(slice(twice, found[0] as FoundEmbed)).toBe(
      'View this post on Instagram A post shared by Gal Gadot (@gal_gadot)\nA post shared by Gal Gadot (@gal_gadot)',
    );
    const apart = 'Intro.\n\nA photo posted by Taylor Swift (@taylorswift) on\n\nA photo posted by Taylor Swift (@taylorswift) on\n';
    expect(findEmbeds(apart, 'text', NOW)).toHaveLength(2);
    const html =
      '<div>View this post on Instagram A post shared by Gal Gadot (@gal_gadot)<br>A post shared by Gal Gadot (@gal_gadot)</div>';
    expect(findEmbeds(html, 'html', NOW)).toHaveLength(1);
  });

  it('reads an English byline whose verb lost "share" when its date has a clock time, not the clipped words without one', () => {
    const timed = 'Intro.\n\nA post d by Pauly James 🤙 (@iampaulyjames) on Apr 14, 2018 at 12:36am PDT\n\nNext paragraph.';
    const embed = only(findEmbeds(timed, 'text', NOW));
    expect(embed).toMatchObject({
      found: 'text',
      author: { name: 'Pauly James 🤙', handle: 'iampaulyjames' },
      dateText: 'Apr 14, 2018 at 12:36am PDT',
      takenAt: '2018-04-14T07:36:00Z',
    });
    expect(slice(timed, embed)).toBe('A post d by Pauly James 🤙 (@iampaulyjames) on Apr 14, 2018 at 12:36am PDT');
    expect(findEmbeds('Intro.\n\nA video d by Pat Lee (@patlee) on\n\nNext paragraph.', 'text', NOW)).toEqual([]);
    expect(findEmbeds('Intro.\n\nA photo d by Pat Lee (@patlee) on Apr 14, 2018\n\nNext paragraph.', 'text', NOW)).toEqual([]);
  });
});

describe('leftovers run into the text around them', () => {
  it('takes a header followed at once by its byline in mid-line, not a header quoted in a sentence', () => {
    const runIn =
      'Intro.\nThe band posted new photos. Diesen Beitrag auf Instagram ansehen Ein Beitrag geteilt von BTS (@bts.bighitofficial) The tour begins.\n';
    expect(only(findEmbeds(runIn, 'text', NOW))).toMatchObject({ found: 'text', author: { name: 'BTS', handle: 'bts.bighitofficial' } });
    for (const prose of [
      'Intro.\nShe wrote View this post on Instagram under a photo shared by Kim (@kim) on Monday.\n',
      'Intro.\nThe page said View this post on Instagram and then a post shared by Kim (@kim) showed up.\n',
    ]) {
      expect(findEmbeds(prose, 'text', NOW)).toEqual([]);
    }
  });

  it('decodes a string literal whose letters are escaped before reading its leftover, and maps it back to the literal', () => {
    const literal =
      "'Le groupe a publi\\xe9 une photo. Voir cette publication sur Instagram Une publication partag\\xe9e par BTS (@bts.bighitofficial)'";
    const source = `VECTORS = [\n    ('fr_embed', 'fr', ${literal},\n     'Le groupe a publi\\xe9 une photo.'),\n]\n`;
    const embed = only(findEmbeds(source, 'text', NOW));
    expect(embed).toMatchObject({ found: 'text', author: { name: 'BTS', handle: 'bts.bighitofficial' } });
    const start = source.indexOf(literal);
    expect(embed.start).toBeGreaterThan(start);
    expect(embed.end).toBeLessThan(start + literal.length);
    const vi =
      "x = 'Xem b\\xe0i vi\\u1ebft n\\xe0y tr\\xean Instagram B\\xe0i vi\\u1ebft do S\\u01a1n T\\xf9ng M-TP (@sontungmtp) chia s\\u1ebb'\n";
    expect(only(findEmbeds(vi, 'text', NOW)).author).toEqual({ name: 'S\u01a1n T\u00f9ng M-TP', handle: 'sontungmtp' });
    // An escaped literal that only names Instagram is nothing.
    expect(findEmbeds("x = 'Caf\\xe9 photos on Instagram by @cafe'\n", 'text', NOW)).toEqual([]);
  });
});

describe('leftovers flattened by exports and search indexes', () => {
  it('takes a header and byline a run of spaces apart on one line, not a header with words before its byline', () => {
    const spaced =
      '"body": "Intro de tod@s nosotros.     Ver esta publicación en Instagram      Una publicación compartida de José (@josega) "\n';
    expect(only(findEmbeds(spaced, 'text', NOW))).toMatchObject({ found: 'text', author: { name: 'José', handle: 'josega' } });
    const words = '"body": "Intro.     Ver esta publicación en Instagram y otra publicación compartida de José (@josega) "\n';
    expect(findEmbeds(words, 'text', NOW)).toEqual([]);
  });

  it('joins a handle a text tool spaced after its full stop, inside the parentheses only', () => {
    const spaced = 'Ver esta publicación en Instagram\nUna publicación compartida de José (@jose. ga)\n';
    expect(only(findEmbeds(spaced, 'text', NOW)).author).toEqual({ name: 'José', handle: 'jose.ga' });
    const sentence = 'Ver esta publicación en Instagram\nUna publicación compartida de José (@jose. Ga dijo algo)\n';
    expect(findEmbeds(sentence, 'text', NOW).map((e) => e.author.handle)).not.toContain('jose.Ga');
  });

  it('reads a timed byline closed by a colon, standing alone in a SQL literal with escaped line breaks', () => {
    const sql =
      "INSERT INTO `p` VALUES (1, 'T', 'Intro.\\r\\n\\r\\nUna publicación compartida de Nelson Medina (@fraynelson) el 1 Jun, 2019 a las 7:36 PDT:\\r\\n”Amigos, les comparto”, comentó en Instagram.', 1);\n";
    const embed = only(findEmbeds(sql, 'text', NOW));
    expect(embed).toMatchObject({
      found: 'text',
      author: { name: 'Nelson Medina', handle: 'fraynelson' },
      dateText: '1 Jun, 2019 a las 7:36 PDT',
    });
    expect(embed.takenAt).toBe('2019-06-01T14:36:00Z');
    // A mention in a sentence of the same literal is still nothing.
    const prose =
      "INSERT INTO `p` VALUES (1, 'T', 'Intro.\\r\\nSee a post shared by Kim (@kim) on Monday: it went viral on Instagram.', 1);\n";
    expect(findEmbeds(prose, 'text', NOW)).toEqual([]);
  });

  it('reads a timed byline flattened into one line with the words after it, not a sentence that goes on about the post', () => {
    const body =
      '"body": "Hoy llegó un nuevo componente para mi familia.   Un nuevo componente de mi familia :) Una foto publicada por José (@jose.ga) on Nov 11, 2014 at 6:00 PST Koke en su cama "\n';
    const embed = only(findEmbeds(body, 'text', NOW));
    expect(embed).toMatchObject({ found: 'text', author: { name: 'José', handle: 'jose.ga' }, dateText: 'Nov 11, 2014 at 6:00 PST' });
    expect(embed.takenAt).toBe('2014-11-11T14:00:00Z');
    // The same byline inside a sentence that carries on in lower case is still nothing.
    const prose = 'Fans loved a photo posted by José (@jose.ga) on Nov 11, 2014 at 6:00 PST and shared it widely.\n';
    expect(findEmbeds(prose, 'text', NOW)).toEqual([]);
  });

  it("keeps the page's own words on a flattened leftover's line out of its range, so rescuing it leaves them", () => {
    // A search index's post body: the page's sentence, the caption and a timed byline, the page's next words.
    const body =
      '"body": "Hoy llegó un nuevo componente para mi familia.   Un nuevo componente de mi familia :) Una foto publicada por José (@jose.ga) on Nov 11, 2014 at 6:00 PST Koke en su cama "\n';
    const embed = only(findEmbeds(body, 'text', NOW));
    expect(body.slice(embed.start, embed.end)).toBe('Una foto publicada por José (@jose.ga) on Nov 11, 2014 at 6:00 PST');
    // A header run into its byline after the page's sentence: the range starts at the header.
    const headed = '"body": "Hoy llegó Koke.     Ver esta publicación en Instagram      Una publicación compartida de José (@jose.ga) "\n';
    const run = only(findEmbeds(headed, 'text', NOW));
    expect(headed.slice(run.start, run.end).startsWith('Ver esta publicación en Instagram')).toBe(true);
    // A byline alone on its line still takes the whole line.
    const alone = 'Intro.\n\nA photo posted by José (@jose.ga) on Nov 11, 2014 at 6:00am PST\n\nMore.\n';
    const line = only(findEmbeds(alone, 'text', NOW));
    expect(alone.slice(line.start, line.end)).toBe('A photo posted by José (@jose.ga) on Nov 11, 2014 at 6:00am PST');
  });

  it("reads a date-less byline an aggregator ran in between the page's sentence and the post's quoted words, not one a sentence goes on about", () => {
    const summary =
      'Zahvalio joj se do neba na svemu. Објава коју дели Djordje David Nikolic (@djordje_david) -Te noći kad smo stigli u Budvu 30.12.2023. u\n';
    const embed = only(findEmbeds(summary, 'text', NOW));
    expect(embed).toMatchObject({ found: 'text', author: { name: 'Djordje David Nikolic', handle: 'djordje_david' }, dateText: null });
    expect(embed.takenAt).toBeNull();
    // The same words where the page's sentence has not ended, or goes on after the handle, are nothing.
    expect(findEmbeds('Fans saw it when a post shared by Kim (@kim) -Te noći went viral.\n', 'text', NOW)).toEqual([]);
    expect(findEmbeds('Fans loved it. A post shared by Kim (@kim) shows her dog on the beach.\n', 'text', NOW)).toEqual([]);
  });

  it('reads no date from words after a byline that name a year only further on, and keeps the dates the template wrote', () => {
    const quoted = 'Tekst.\nОбјава коју дели Djordje David (@djordje_david) - Te noći kad smo stigli u Budvu 2023\n';
    expect(only(findEmbeds(quoted, 'text', NOW))).toMatchObject({
      author: { name: 'Djordje David', handle: 'djordje_david' },
      dateText: null,
    });
    const dated = 'Tekst.\nОбјава коју дели Tijana Dapčević (@tijana.dapcevic) дана 30. Дец 2018. у 2:38 PST\n';
    expect(only(findEmbeds(dated, 'text', NOW)).takenAt).toBe('2018-12-30T10:38:00Z');
    const weekday = 'Tekst.\n\nEt innlegg delt av Mena (@mena) lørdag 22. Juli. 2017 PDT\n';
    expect(only(findEmbeds(weekday, 'text', NOW)).dateText).toBe('lørdag 22. Juli. 2017 PDT');
  });
});

describe('older localised bylines and typographic shortcodes', () => {
  it('reads the v4–v7 Russian and Dutch bylines with their dates, not the same words in a sentence', () => {
    const ru = 'Текст статьи.\nВидео опубликовано Lukas Podolski (@poldi_official) Июл 9 2016 в 12:02 PDT\n';
    const video = only(findEmbeds(ru, 'text', NOW));
    expect(video).toMatchObject({ found: 'text', author: { name: 'Lukas Podolski', handle: 'poldi_official' } });
    expect(video.takenAt).toBe('2016-07-09T19:02:00Z');
    const nl = 'Tekst.\n\nEen foto die is geplaatst door Ridammerhoeve (@geitenboerderij) op 10 jun 2018 om 17:54 CEST\n\nMeer.';
    const photo = only(findEmbeds(nl, 'text', NOW));
    expect(photo.author).toEqual({ name: 'Ridammerhoeve', handle: 'geitenboerderij' });
    expect(photo.takenAt).toBe('2018-06-10T15:54:00Z');
    const sentence = 'Het video opubliceerd? Nee: een foto die is geplaatst door iemand anders, zei hij gisteren.\n';
    expect(findEmbeds(sentence, 'text', NOW)).toEqual([]);
  });

  it('leaves no name where the template printed a missing one as "null", and keeps a real name that holds the word', () => {
    const missing = 'Tekst.\n\nEen foto die is geplaatst door null (@geitenboerderij) op 10 jun 2018 om 17:54 CEST\n';
    expect(only(findEmbeds(missing, 'text', NOW)).author).toEqual({ name: null, handle: 'geitenboerderij' });
    const named = 'Text.\n\nA post shared by null pointer (@nullpointer) on Jun 10, 2018 at 8:54am PDT\n';
    expect(only(findEmbeds(named, 'text', NOW)).author).toEqual({ name: 'null pointer', handle: 'nullpointer' });
  });

  it('takes a bracketed shortcode naming Instagram before its url=, smart quotes and all, not one naming another site', () => {
    const tag = 'Il post completo:\n[embedcontent src=”instagram” url=”https://www.instagram.com/p/CVqQtrntkjZ”]\nIntanto.';
    const embed = only(findEmbeds(tag, 'text', NOW));
    expect(embed).toMatchObject({ found: 'link', shortcode: 'CVqQtrntkjZ' });
    expect(slice(tag, embed)).toBe('[embedcontent src=”instagram” url=”https://www.instagram.com/p/CVqQtrntkjZ”]');
    const other = 'Il post completo:\n[embedcontent src=”twitter” note=”https://www.instagram.com/p/CVqQtrntkjZ”]\nIntanto.';
    expect(findEmbeds(other, 'text', NOW)).toEqual([]);
  });

  it('names the author of an embed whose byline lost its handle, from the template words on its last line, and no one else', () => {
    const embed = (byline: string, after = '') =>
      `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/DRwq2ZiiCIo/" data-instgrm-version="14"><div><a href="https://www.instagram.com/p/DRwq2ZiiCIo/">Переглянути цей допис в Instagram</a></div><p><a href="https://www.instagram.com/p/DRwq2ZiiCIo/">${byline}</a></p>${after}</blockquote>`;
    expect(only(findEmbeds(embed('Допис, поширений ПУХНАСТІ | Tafting'), 'html', NOW)).author).toEqual({
      name: 'ПУХНАСТІ | Tafting',
      handle: null,
    });
    // Words after the byline, a date in it, or the template words alone leave the name unknown.
    expect(only(findEmbeds(embed('Допис, поширений ПУХНАСТІ', '<p>Більше постів</p>'), 'html', NOW)).author.name).toBeNull();
    expect(only(findEmbeds(embed('A post shared by Studio on Jun 10, 2018'), 'html', NOW)).author.name).toBeNull();
    expect(only(findEmbeds(embed('A post shared by'), 'html', NOW)).author.name).toBeNull();
  });
});

describe('embeds as web archives and hand edits leave them', () => {
  it('reads the post inside an iframe whose src a web archive rewrote, not an archived frame of another site', () => {
    const html = article(
      `<iframe src="//web.archive.org/web/20150304070936if_/http://instagram.com/p/r2S9iVO05K/embed/" width="612" height="710" frameborder="0" scrolling="no"></iframe>\n<iframe src="//web.archive.org/web/20150304070936if_/http://www.youtube.com/embed/QuYEtGBNvaE"></iframe>`,
    );
    const embed = only(findEmbeds(html, 'html', NOW));
    expect(embed).toMatchObject({ found: 'iframe', shortcode: 'r2S9iVO05K', kind: 'p', takenAt: '2014-08-18T17:41:39Z' });
  });

  it('reads the post a frame, permalink or link names with its scheme written twice, and no other site so written', () => {
    const frame = (src: string) => article(`<iframe title="n" width="320" height="440" src="${src}" frameborder="0"></iframe>`);
    for (const src of [
      'https://https://www.instagram.com/p/CCP8ac6FlV4/embed',
      'http://https//instagram.com/p/CCP8ac6FlV4/embed/',
      '//web.archive.org/web/20200705000000if_/https://https://www.instagram.com/p/CCP8ac6FlV4/embed',
    ]) {
      expect(only(findEmbeds(frame(src), 'html', NOW))).toMatchObject({ found: 'iframe', shortcode: 'CCP8ac6FlV4', kind: 'p' });
    }
    expect(findEmbeds(frame('https://https://www.youtube.com/embed/QuYEtGBNvaE'), 'html', NOW)).toEqual([]);
    const quote = article(
      '<blockquote class="instagram-media" data-instgrm-permalink="https://https://www.instagram.com/reel/CY6yxSluC2j/" data-instgrm-version="14"><div><a href="https://https://www.instagram.com/reel/CY6yxSluC2j/">View this post on Instagram</a></div></blockquote>',
    );
    expect(only(findEmbeds(quote, 'html', NOW))).toMatchObject({ found: 'blockquote', shortcode: 'CY6yxSluC2j', kind: 'reel' });
  });

  it('keeps no date text from a <time> whose text was replaced by punctuation, and still reads its datetime', () => {
    const byline = (text: string) =>
      article(
        `<blockquote class="instagram-media" data-instgrm-version="7"><div><p><a href="https://www.instagram.com/p/BeCvIcPB-6W/">A video posted by Batam Olehlo (@batamolehlo)</a> on <time datetime="2018-01-17T07:48:24+00:00">${text}</time></p></div></blockquote>`,
      );
    expect(only(findEmbeds(byline('\n   .'), 'html', NOW))).toMatchObject({ dateText: null, datetime: '2018-01-17T07:48:24+00:00' });
    expect(only(findEmbeds(byline('Jan 16, 2018 at 11:48pm PST'), 'html', NOW)).dateText).toBe('Jan 16, 2018 at 11:48pm PST');
  });
});

describe('exports and stored data', () => {
  const embedHtml =
    '<blockquote class="instagram-media" data-instgrm-version="4"><div><p><a href="https://instagram.com/p/B3IHhXZgz2Y/" target="_top">A video posted by @mlbpics</a> on <time datetime="2019-10-02T16:02:20+00:00">Oct 2, 2019 at 9:02am PDT</time></p></div></blockquote>';
  /** As an oEmbed answer in JSON keeps it: `\"`, `\u003c`, and optionally `\/`. */
  const asJson = (html: string, upper = false, slashes = false) => {
    let out = JSON.stringify(html)
      .replace(/</g, upper ? '\\u003C' : '\\u003c')
      .replace(/>/g, upper ? '\\u003E' : '\\u003e');
    if (slashes) out = out.replace(/\//g, '\\/');
    return out;
  };

  it("reads every escaped string literal in a run of text, a tweet's oEmbed before the post's", () => {
    const tweet = asJson(
      '<blockquote class="twitter-tweet"><p>Les transports</p>&mdash; Stan (@tsunammis) <a href="https://twitter.com/tsunammis/status/1">February 22, 2015</a></blockquote>',
      true,
      true,
    );
    const post = asJson(embedHtml, false, true);
    const source = `server.get('/tweet', (req, res) => res.send({ "html": ${tweet}, "width": 350 }));\nserver.get('/post', (req, res) => res.send({ "title": "Wii", "html": ${post}, "width": 658 }));\n`;
    const embed = only(findEmbeds(source, 'text', NOW));
    expect(embed).toMatchObject({ found: 'blockquote', shortcode: 'B3IHhXZgz2Y', author: { name: null, handle: 'mlbpics' } });
    expect(embed.datetime).toBe('2019-10-02T16:02:20+00:00');
    const at = source.indexOf(post);
    expect(embed.start).toBeGreaterThan(at);
    expect(embed.end).toBeLessThan(at + post.length);
    // The tweet alone is nothing.
    expect(findEmbeds(`{"html": ${tweet}}\n`, 'text', NOW)).toEqual([]);
  });

  it("reads escaped markup that writes every `<` in upper-case hex, an oEmbed answer's `\\u003C` or a script's `\\x3C`", () => {
    for (const slashes of [false, true]) {
      const answer = `{\n  "version":"1.0",\n  "author_name":"mlbpics",\n  "html":${asJson(embedHtml, true, slashes)},\n  "width":658\n}\n`;
      expect(only(findEmbeds(answer, 'text', NOW))).toMatchObject({
        found: 'blockquote',
        shortcode: 'B3IHhXZgz2Y',
        author: { handle: 'mlbpics' },
      });
    }
    const hex = JSON.stringify(embedHtml).replace(/</g, '\\x3C').replace(/>/g, '\\x3E');
    expect(only(findEmbeds(`var html = ${hex};\n`, 'text', NOW)).shortcode).toBe('B3IHhXZgz2Y');
  });

  it("a chat message kept as JSON whose whole text is a post URL shares that post; a URL in a longer message or another object's text does not", () => {
    const reel = 'https://www.instagram.com/reel/C0KJ4qtAStm/?igsh=aWY3cDMxaHRqdGZ2';
    const update = JSON.stringify(
      {
        update_id: 1,
        message: { message_id: 160, from: { id: 7 }, chat: { id: 7 }, text: reel, entities: [{ offset: 0, length: 65, type: 'url' }] },
      },
      null,
      2,
    );
    const telegram = JSON.stringify(
      { messages: [{ id: 12, type: 'message', from: 'Ana', text: POST, text_entities: [{ type: 'link', text: POST }] }] },
      null,
      1,
    );
    const slack = JSON.stringify([{ type: 'message', user: 'U1', text: `<${POST}>`, ts: '1700000000.000100' }], null, 2);
    const embed = only(findEmbeds(update, 'text', NOW));
    expect(embed).toMatchObject({ found: 'link', shortcode: 'C0KJ4qtAStm', kind: 'reel' });
    expect(slice(update, embed)).toBe(reel);
    expect(only(findEmbeds(telegram, 'text', NOW))).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
    expect(only(findEmbeds(slack, 'text', NOW))).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
    expect(findEmbeds(JSON.stringify({ message_id: 1, text: `look at ${POST} today` }, null, 2), 'text', NOW)).toEqual([]);
    expect(findEmbeds(JSON.stringify({ type: 'link', text: POST }, null, 2), 'text', NOW)).toEqual([]);
    expect(findEmbeds(JSON.stringify({ title: 'Saved', text: POST }, null, 2), 'text', NOW)).toEqual([]);
  });

  it('takes an escaped embed in a Markdown fence as a sample of the markup, the same line outside a fence as an embed', () => {
    const line = `   "html":${asJson(embedHtml)},`;
    const fenced = `# Getting the snippet\n\nThe API answers:\n\n\`\`\`json\n{\n${line}\n   "width":658\n}\n\`\`\`\n\nThat is all.\n`;
    expect(findEmbeds(fenced, 'markdown', NOW)).toEqual([]);
    const open = `# Getting the snippet\n\nThe API answers:\n\n{\n${line}\n   "width":658\n}\n\nThat is all.\n`;
    expect(only(findEmbeds(open, 'markdown', NOW)).shortcode).toBe('B3IHhXZgz2Y');
  });

  it("drops what is left of a Markdown link whose label spans lines around the header, keeping the caption's own lines", () => {
    const url = 'https://www.instagram.com/p/CqU7-GCrajV/?utm_source=ig_embed&utm_campaign=loading';
    const quote = (caption: string) =>
      `The logic diagram looks like below:\n\n> [\n> \n> View this post on Instagram\n> \n> ](${url})\n>${caption}\n> [A post shared by Naresh Mehta (@wolverine2k)](${url})\n\nKeep the fun rolling in.\n`;
    const bare = only(findEmbeds(quote(' '), 'markdown', NOW));
    expect(bare).toMatchObject({
      found: 'text',
      shortcode: 'CqU7-GCrajV',
      caption: null,
      author: { name: 'Naresh Mehta', handle: 'wolverine2k' },
    });
    expect(only(findEmbeds(quote(' Gates [1] and (2) on\n>\n'), 'markdown', NOW)).caption).toBe('Gates [1] and (2) on');
  });

  it('reads the byline an image link to the post keeps as its alt text, not an alt text that is no byline', () => {
    const post = 'https://www.instagram.com/p/C3nWVzAt4kF/';
    const body = (alt: string) => `Watch out! These harnesses are doing the rounds again.\n\n[![${alt}](${post}media/?size=l)](${post})\n`;
    const embed = only(findEmbeds(body('A post shared by The Reach Climbing Wall (@thereachclimbingwall)'), 'markdown', NOW));
    expect(embed).toMatchObject({
      found: 'link',
      shortcode: 'C3nWVzAt4kF',
      author: { name: 'The Reach Climbing Wall', handle: 'thereachclimbingwall' },
    });
    expect(embed.review.reasons).not.toContain('link-only');
    const plain = only(findEmbeds(body('Harness recall photo by @thereachclimbingwall'), 'markdown', NOW));
    expect(plain.author).toEqual({ name: null, handle: null });
    expect(plain.review.reasons).toContain('link-only');
  });
});

describe("a dry run's bound", () => {
  const leftover = (i: number) =>
    `<p>View this post on Instagram</p><p>A post shared by Lena Ott (@lena.ott${i}) on Jul 3, 2019 at 8:02pm PDT</p>`;
  const link = (code: string) => `<p><a href="https://www.instagram.com/p/${code}/">https://www.instagram.com/p/${code}/</a></p>`;

  it('says it stopped when leftovers alone are more than the bound', () => {
    const html = article(Array.from({ length: 5 }, (_, i) => leftover(i)).join('\n'));
    const result = findEmbedsDetailed(html, 'html', NOW, { maxEmbeds: 2 });
    expect(result.embeds.map((e) => e.author.handle)).toEqual(['lena.ott0', 'lena.ott1']);
    expect(result.truncated).toBe(true);
    expect(result.stoppedAt).toBe(result.embeds[1]!.end);
  });

  it('says it stopped when post links alone are more than the bound', () => {
    const html = article(['B3IHhXZgz2Y', 'B8kFzL2hXYZ', 'CZIALixI8FH', 'BjyihedFlTz'].map(link).join('\n'));
    const result = findEmbedsDetailed(html, 'html', NOW, { maxEmbeds: 3 });
    expect(result.embeds.map((e) => e.shortcode)).toEqual(['B3IHhXZgz2Y', 'B8kFzL2hXYZ', 'CZIALixI8FH']);
    expect(result.truncated).toBe(true);
  });

  it('does not say so when the article holds exactly the bound', () => {
    const html = article([leftover(0), leftover(1)].join('\n'));
    expect(findEmbedsDetailed(html, 'html', NOW, { maxEmbeds: 2 })).toMatchObject({ truncated: false, stoppedAt: null });
  });
});

describe('feeds and exports that keep the article as text', () => {
  const item = (content: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n<title>A blog</title>\n<link>https://blog.example/</link>\n<item>\n  <title>Weekend notes</title>\n  ${content}\n</item>\n</channel></rss>\n`;

  it("reads the markup of a CDATA section (a feed's content:encoded), and of one the feed leaves open", () => {
    const feed = item(`<content:encoded><![CDATA[<p>Our weekend.</p>${V14}<p>More soon.</p>]]></content:encoded>`);
    for (const format of ['text', 'html'] as const) {
      const embed = only(findEmbeds(feed, format, NOW));
      expect(embed).toMatchObject({ found: 'blockquote', shortcode: 'CZIALixI8FH', author: { name: 'Adam Ondra', handle: 'adam.ondra' } });
      expect(slice(feed, embed).startsWith('<blockquote')).toBe(true);
    }
    const cut = `<item><description><![CDATA[<p>Our weekend.</p>${V14}`;
    expect(only(findEmbeds(cut, 'text', NOW)).shortcode).toBe('CZIALixI8FH');
  });

  it('reads markup an author commented out: an embed inside an HTML comment, not a comment that only names a post', () => {
    const page = article(`<!-- <div class="embed-instagram">\n${V14}\n</div> -->`);
    for (const format of ['html', 'text', 'markdown'] as const) {
      const embed = only(findEmbeds(page, format, NOW));
      expect(embed, format).toMatchObject({
        found: 'blockquote',
        shortcode: 'CZIALixI8FH',
        author: { name: 'Adam Ondra', handle: 'adam.ondra' },
      });
      // The range lies inside the comment.
      expect(slice(page, embed), format).toContain(V14.trim());
      expect(page.slice(0, embed.start), format).toMatch(/<!-- $/);
      expect(page.slice(embed.end), format).toMatch(/^ -->/);
    }
    expect(findEmbeds(article(`<!-- the photo: ${POST} -->`), 'html', NOW)).toEqual([]);
  });

  it("reads escaped markup (a feed's <description>, a CMS column) whose post link stands alone in its paragraph", () => {
    const link = `<a href="${POST}">${POST}</a>`;
    const feed = (html: string) => item(`<description>${escapeHtml(html)}</description>`);
    const embed = only(findEmbeds(feed(`<p>Our weekend.</p><p><u>${link}</u></p>`), 'text', NOW));
    expect(embed).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
    expect(findEmbeds(feed(`<p>Our weekend, as ${link} shows.</p>`), 'text', NOW)).toEqual([]);
  });

  it("takes a feed item's <link> to a post as that post, once: its <guid> repeats it, the channel's profile link is no post", () => {
    const feed = `<rss version="2.0"><channel>\n<title>finnsadventures</title>\n<link>https://www.instagram.com/finnsadventures</link>\n<item>\n<title>Asbury Park</title>\n<link>${POST}</link>\n<guid isPermaLink="true">${POST}</guid>\n<pubDate>Sun, 26 May 2019 14:14:08 GMT</pubDate>\n</item>\n</channel></rss>\n`;
    for (const format of ['text', 'html'] as const) {
      const embed = only(findEmbeds(feed, format, NOW));
      expect(embed).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
      expect(slice(feed, embed)).toBe(`<link>${POST}</link>`);
    }
    expect(findEmbeds(`Sample output:\n\n\`\`\`xml\n${feed}\`\`\`\n`, 'markdown', NOW)).toEqual([]);
  });
});

describe('dead embeds on entertainment pages', () => {
  it('ends a date-less byline at "on" when the next paragraph only holds a year somewhere, and still reads a date wrapped onto the next line', () => {
    const text =
      'Intro paragraph.\n\nA post shared by Jane Doe (@janedoe) on\n\nJane joined Instagram on the day of the 2012 election, in a T-shirt.\n\nClosing paragraph.\n';
    const embed = only(findEmbeds(text, 'text', NOW));
    expect(embed).toMatchObject({ found: 'text', author: { name: 'Jane Doe', handle: 'janedoe' }, dateText: null, takenAt: null });
    expect(slice(text, embed).trimEnd()).toBe('A post shared by Jane Doe (@janedoe) on');
    // A byline hard-wrapped before its date keeps that date.
    const wrapped = 'Intro paragraph.\n\nA post shared by Jane Doe (@janedoe) on\nMar 3, 2018 at 10:14am PST\n\nClosing paragraph.\n';
    expect(only(findEmbeds(wrapped, 'text', NOW))).toMatchObject({
      dateText: 'Mar 3, 2018 at 10:14am PST',
      takenAt: '2018-03-03T18:14:00Z',
    });
  });

  it('reads a date-less byline whose date word ends the text, where the store cut the page, in every template language', () => {
    const cases: Array<[string, string, string]> = [
      ['A post shared by Jane Doe (@janedoe) on', 'Jane Doe', 'janedoe'],
      ['Ein von P!NK (@pink) gepostetes Foto am', 'P!NK', 'pink'],
      ['Une publication partagée par Jane Doe (@janedoe) le', 'Jane Doe', 'janedoe'],
      ['Una publicación compartida por Jane Doe (@janedoe) el', 'Jane Doe', 'janedoe'],
      ['Un post condiviso da Jane Doe (@janedoe) in data:', 'Jane Doe', 'janedoe'],
      ['Uma foto publicada por Jane Doe (@janedoe) em', 'Jane Doe', 'janedoe'],
    ];
    // After the article's quotation (web/promicabana-pink-de.txt), or after lines holding one
    // space (web/tn8-selena-ni.txt).
    const before = [
      'Intro paragraph.\n\n„Ich habe das Gefühl, dass ich zwei Kinder habe“, erzählte sie.\n\n',
      'Intro paragraph.\n\n \n \n\n',
    ];
    for (const [byline, name, handle] of cases) {
      for (const lead of before) {
        const text = `${lead}${byline}`;
        const embed = only(findEmbeds(text, 'text', NOW));
        expect(embed, text).toMatchObject({ found: 'text', author: { name, handle }, caption: null, dateText: null, takenAt: null });
        expect(slice(text, embed)).toBe(byline);
      }
    }
    // A word the store cut is not the template's, nor one that only starts like it: nothing.
    expect(findEmbeds('Intro paragraph.\n\nA post shared by Jane Doe (@janedoe) o', 'text', NOW)).toEqual([]);
    expect(findEmbeds('Intro paragraph.\n\nA post shared by Jane Doe (@janedoe) online', 'text', NOW)).toEqual([]);
    // Where the window read after the handle ends short of the text, its end is no word's end:
    // "on" there is the start of "online", and the byline ends at the handle.
    const far = article(
      `<p>View this post on Instagram</p><p>A post shared by Jane Doe (@janedoe)${'\u00a0'.repeat(198)}online shopping</p>`,
    );
    expect(slice(far, only(findEmbeds(far, 'html', NOW))).endsWith('(@janedoe)')).toBe(true);
  });

  it("drops the label of an ad slot the page put between header and byline, keeping a caption's own lines", () => {
    const bare =
      'Intro paragraph.\n\nView this post on Instagram\n\n \n\nAdvertisement\n\nA post shared by Jane Doe (@janedoe)\n\nClosing paragraph.\n';
    expect(only(findEmbeds(bare, 'text', NOW))).toMatchObject({ found: 'text', author: { handle: 'janedoe' }, caption: null });
    const captioned =
      'Intro paragraph.\n\nView this post on Instagram\n\nStory continues below advertisement\n\nFirst dance recital today!\n\nA post shared by Jane Doe (@janedoe)\n\nClosing paragraph.\n';
    expect(only(findEmbeds(captioned, 'text', NOW)).caption).toBe('First dance recital today!');
    // A caption that only names an ad among other words is a caption.
    const worded =
      'Intro paragraph.\n\nView this post on Instagram\n\nMy new advertisement is out\n\nA post shared by Jane Doe (@janedoe)\n\nClosing paragraph.\n';
    expect(only(findEmbeds(worded, 'text', NOW)).caption).toBe('My new advertisement is out');
  });

  it('reads a header over a byline cut inside its handle as a post by that name with no handle, and the cut byline alone as nothing', () => {
    const text =
      'Intro paragraph.\nVer esta publicación en Instagram\nUna publicación compartida por Club Deportes (@clubdep\n\nSource One\nSource Two\n';
    const embed = only(findEmbeds(text, 'text', NOW));
    expect(embed).toMatchObject({ found: 'text', author: { name: 'Club Deportes', handle: null }, caption: null, takenAt: null });
    expect(slice(text, embed)).toBe('Ver esta publicación en Instagram\nUna publicación compartida por Club Deportes (@clubdep');
    // Without the header the cut words could be any prose a store cut: no post.
    expect(findEmbeds('Intro paragraph.\n\nA post shared by Jane Doe (@jan\n\nClosing paragraph.\n', 'text', NOW)).toEqual([]);
    // A prose line below the header is no byline.
    expect(findEmbeds('Intro paragraph.\nView this post on Instagram\nShe wrote to Jane Doe (@jan\n\nClosing.\n', 'text', NOW)).toEqual([]);
  });
});

describe('buttons beside an embed', () => {
  const REEL = 'https://www.instagram.com/reel/C_3ycyay6Mc/';
  const quote = `<blockquote class="instagram-media" data-instgrm-permalink="${REEL}" data-instgrm-version="14"></blockquote>\n<script async src="//www.instagram.com/embed.js"></script>`;
  const button = (href: string) => `<a class="btn" href="${href}" target="_blank">Watch on Instagram</a>`;

  it('reads a link to the embed’s own post right under it as part of the embed, and a link to another post, or one after prose, as a post', () => {
    for (const format of ['html', 'markdown'] as const) {
      const text = article(`<section>\n<h2>Watch</h2>\n${quote}\n\n${button(REEL)}\n</section>`);
      expect(findEmbeds(text, format, NOW).map((e) => [e.found, e.shortcode])).toEqual([['blockquote', 'C_3ycyay6Mc']]);
    }
    const other = article(`${quote}\n${button('https://www.instagram.com/reel/C_YV2vLv_Vm/')}`);
    expect(findEmbeds(other, 'html', NOW).map((e) => e.shortcode)).toEqual(['C_3ycyay6Mc', 'C_YV2vLv_Vm']);
    const later = article(`${quote}\n<p>The clip went round the world.</p>\n${button(REEL)}`);
    expect(findEmbeds(later, 'html', NOW).map((e) => e.found)).toEqual(['blockquote', 'link']);
  });
});

describe('embed code a typographer marked', () => {
  // WordPress's wptexturize turns the straight quotes of embed code pasted as text into curly ones,
  // and a number's closing quote into a double prime (web/kykernel-metgala-en.txt); French sites
  // write guillemets with no-break spaces. To the tokenizer every such value is unquoted.
  const curly = (markup: string) => markup.replace(/="(\d+)"/g, '=”$1″').replace(/="([^"]*)"/g, '=”$1”');
  const guillemets = (markup: string) => markup.replace(/="([^"]*)"/g, '=«\u00a0$1\u00a0»');
  const fields = (found: FoundEmbed[]) =>
    found.map((e) => [e.found, e.shortcode, e.kind, e.permalink, e.embedVersion, e.author.name, e.author.handle, e.takenAt]);

  it('reads a blockquote whose attribute quotes are typographic marks as the blockquote it was', () => {
    const plain = fields(findEmbeds(V14, 'text', NOW));
    expect(plain).toEqual([
      [
        'blockquote',
        'CZIALixI8FH',
        'p',
        'https://www.instagram.com/p/CZIALixI8FH/?utm_source=ig_embed&utm_campaign=loading',
        14,
        'Adam Ondra',
        'adam.ondra',
        '2022-01-24T19:45:49Z',
      ],
    ]);
    expect(curly(V14)).toContain('data-instgrm-version=”14″');
    expect(fields(findEmbeds(`Intro paragraph.\n\n${curly(V14)}\n\nClosing paragraph.\n`, 'text', NOW))).toEqual(plain);
    expect(fields(findEmbeds(article(curly(V14)), 'html', NOW))).toEqual(plain);
    expect(fields(findEmbeds(article(guillemets(V14)), 'html', NOW))).toEqual(plain);
  });

  it('reads an embed whose attribute quotes are all curly ones (“…”, „…“), in HTML and Markdown, as the embed it was', () => {
    const REEL = 'https://www.instagram.com/reel/Cp9kNc9DWK1/?utm_source=ig_embed&amp;utm_campaign=loading';
    const quote = (open: string, close: string) => {
      const q = (value: string) => `${open}${value}${close}`;
      return article(
        `<blockquote class=${q('instagram-media')} data-instgrm-captioned data-instgrm-permalink=${q(REEL)} data-instgrm-version=${q('14')} style=${q(' background:#FFF; border:0; margin: 1px; max-width:540px;')}><div style=${q('padding:16px;')}> <a href=${q(REEL)} style=${q(' background:#FFFFFF; line-height:0; width:100%;')} target=${q('_blank')}> <div style=${q(' color:#3897f0; font-family:Arial,sans-serif;')}>在 Instagram 查看這則貼文</div></a><p style=${q(' color:#c9c8cd; font-size:14px;')}><a href=${q(REEL)} target=${q('_blank')}>毛哥EM資訊密技（@em.tec.blog）分享的貼文</a></p></div></blockquote> <script async src=${q('//www.instagram.com/embed.js')}></script>`,
      );
    };
    for (const [open, close] of [
      ['“', '”'],
      ['„', '“'],
      ['”', '”'],
    ]) {
      for (const format of ['html', 'markdown'] as const) {
        expect(only(findEmbeds(quote(open ?? '', close ?? ''), format, NOW))).toMatchObject({
          found: 'blockquote',
          shortcode: 'Cp9kNc9DWK1',
          kind: 'reel',
          permalink: REEL.replace('&amp;', '&'),
          embedVersion: 14,
          author: { name: '毛哥EM資訊密技', handle: 'em.tec.blog' },
          caption: null,
        });
      }
    }
  });
});

describe('dead embeds on European news pages', () => {
  it('reads a header-less byline after its caption on one line when its date names the zone but no clock time; a bare day stays prose', () => {
    // web/dagbladet-mena-nb.txt: the site rewrote the <time> text in its own format, dropping the clock.
    const norwegian = 'Intro.\n\n❤️ Et innlegg delt av maria mena (@mariamena_official) lørdag 22. Juli. 2017 PDT\n\nMer tekst.';
    expect(only(findEmbeds(norwegian, 'text', NOW))).toMatchObject({
      found: 'text',
      author: { name: 'maria mena', handle: 'mariamena_official' },
      caption: null,
      dateText: 'lørdag 22. Juli. 2017 PDT',
      takenAt: '2017-07-22T07:00:00Z',
    });
    const english = 'Intro.\n\nSunset 🌅 A post shared by Jane Doe (@janedoe) on Jul 22, 2017 PDT\n\nClosing.';
    expect(only(findEmbeds(english, 'text', NOW))).toMatchObject({ dateText: 'Jul 22, 2017 PDT', takenAt: '2017-07-22T07:00:00Z' });
    // A day without the template's zone is what a sentence about a post says.
    expect(findEmbeds('Intro.\n\nSunset A post shared by Jane Doe (@janedoe) on Jul 22, 2017\n\nClosing.', 'text', NOW)).toEqual([]);
  });

  it('reads the v14 Slovak byline "Príspevok, ktorý zdieľa" and the newer Dutch header "Bekijk dit bericht op Instagram", with their captions', () => {
    // web/interez-vondrackova-sk.txt, web/yabzh-stefani-nl.txt.
    const slovak =
      'Úvod.\n\nZobraziť tento príspevok na Instagrame\n\nNová fenka 🐶\n\nPríspevok, ktorý zdieľa Helena Vondráčková ® (@helenavondrackovacz)\n\nĎalej.';
    expect(only(findEmbeds(slovak, 'text', NOW))).toMatchObject({
      author: { name: 'Helena Vondráčková ®', handle: 'helenavondrackovacz' },
      caption: 'Nová fenka 🐶',
    });
    const dutch =
      'Intro.\n\nBekijk dit bericht op Instagram\n\nMijn bruiloft ❤️\n\nEen bericht gedeeld door Gwen Stefani (@gwenstefani)\n\nVerder.';
    expect(only(findEmbeds(dutch, 'text', NOW))).toMatchObject({
      author: { name: 'Gwen Stefani', handle: 'gwenstefani' },
      caption: 'Mijn bruiloft ❤️',
    });
  });
});

describe('markup that exports and code keep in odd wrappings', () => {
  it('reads attribute values whose quotes a template wrote as references (class=&quot;instagram-media&quot;)', () => {
    const attrs = (q: string) =>
      `<blockquote class=${q}instagram-media${q} data-instgrm-captioned data-instgrm-version=${q}7${q}><p><a href=${q}https://www.instagram.com/p/BWiyPARlw4F/${q} target=${q}_blank${q}>Ночной пляж 🌚</a></p> <p>Публикация от Liza Borisova (@l.boriska) <time datetime=${q}2017-07-14T22:20:03+00:00${q}>Июл 14 2017 в 3:20 PDT</time></p></blockquote>`;
    for (const q of ['&quot;', '&#34;', '&#39;']) {
      const embed = only(findEmbeds(`    insta = "${attrs(q)}"\n`, 'text', NOW));
      expect(embed).toMatchObject({
        found: 'blockquote',
        shortcode: 'BWiyPARlw4F',
        author: { name: 'Liza Borisova', handle: 'l.boriska' },
        caption: 'Ночной пляж 🌚',
        datetime: '2017-07-14T22:20:03+00:00',
        takenAt: '2017-07-14T22:20:03Z',
      });
    }
  });

  it('takes embed code whose shortcode is a placeholder word for a sample, in any language, and a real shortcode beside it for a post', () => {
    for (const word of [
      'postid',
      'POST_ID',
      'SHORTCODE',
      'your-post-id',
      'ID_DE_LA_PUBLICATION',
      'codice_del_post',
      'BEITRAGS-ID',
      'XXXXXXXXXXX',
    ]) {
      const sample = `<div class="code-block">\n&lt;blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/${word}/"&gt;<br>\n&nbsp;&lt;a href="https://www.instagram.com/p/${word}/"&gt;View on Instagram&lt;/a&gt;<br>\n&lt;/blockquote&gt;\n</div>`;
      expect(findEmbeds(article(sample), 'html', NOW)).toEqual([]);
      expect(findEmbeds(`Paste the link:\n\nhttps://www.instagram.com/reel/${word}/\n\nThen save.\n`, 'text', NOW)).toEqual([]);
      const real = article(
        `${sample}\n<blockquote class="instagram-media" data-instgrm-permalink="${POST}" data-instgrm-version="14"></blockquote>`,
      );
      expect(findEmbeds(real, 'html', NOW).map((e) => e.shortcode)).toEqual(['B3IHhXZgz2Y']);
    }
  });

  it('reads an embed start tag that code text before it swallowed into a bogus tag (split("<blockquote")), once', () => {
    const iframe = `"<iframe class='instagram-embed' src='https://instagram.com/p/BPnFpbwBjDr/embed/captioned' width='100%' height='\${pxToDp(\n    height + 100\n)}' frameborder='0'></iframe>"`;
    const kotlin = `val parts = html.split("<blockquote").toMutableList()\nval first = "<blockquote data-theme='dark' " + parts[1]\n/*\nwebView?.loadData(\n    ${iframe}, "text/html", "utf-8"\n)\n*/\n`;
    const embed = only(findEmbeds(kotlin, 'text', NOW));
    expect(embed).toMatchObject({ found: 'iframe', shortcode: 'BPnFpbwBjDr', kind: 'p' });
    expect(kotlin.slice(embed.start, embed.start + 7)).toBe('<iframe');
    // A swallowed blockquote is read to its end tag: its byline too.
    const quote = `<blockquote class="instagram-media" data-instgrm-version="7"><p><a href="${POST}">Rainy day</a></p><p>A post shared by Jane Doe (@jane) on <time datetime="2019-10-02T16:02:20+00:00">Oct 2, 2019</time></p></blockquote>`;
    const raw = `val parts = html.split("<blockquote")\nval embed = """${quote}"""\n`;
    expect(only(findEmbeds(raw, 'text', NOW))).toMatchObject({
      found: 'blockquote',
      shortcode: 'B3IHhXZgz2Y',
      author: { handle: 'jane' },
      caption: 'Rainy day',
    });
  });
});

describe('embeds that plugins and converters rewrote, as code and newsletters keep them', () => {
  it("reads a post URL or embed tag alone on a comment line of source code as standing alone, not a labelled one, and not a sentence's", () => {
    const source = [
      '<?php',
      '/**',
      ' * Full links: https://www.instagram.com/p/BnMOk_FFsxg/',
      ' * https://www.instagram.com/tv/BkQjCfsBIzi/',
      ' * [instagram url=https://www.instagram.com/p/BZoonmAHvHf/ width=320]',
      ' */',
      '// https://www.instagram.com/reel/DGPdABWz84n/',
      '# [instagram url="https://www.instagram.com/p/CSpmSvAphdf/"]',
      '// see https://www.instagram.com/p/CaUsPbUquKV/ for the layout',
      'function embed() {}',
      '',
    ].join('\n');
    expect(findEmbeds(source, 'text', NOW).map((e) => [e.found, e.shortcode, e.kind])).toEqual([
      ['link', 'BkQjCfsBIzi', 'tv'],
      ['link', 'BZoonmAHvHf', 'p'],
      ['link', 'DGPdABWz84n', 'reel'],
      ['link', 'CSpmSvAphdf', 'p'],
    ]);
    // Prose and Markdown keep their own rules: a bullet or a heading is no comment marker there.
    expect(findEmbeds('* https://www.instagram.com/p/BnMOk_FFsxg/\n', 'markdown', NOW)).toEqual([]);
  });

  it('reads a post URL that is the whole of a <p> or of a block-editor embed wrapper in markup kept on one line, not one beside other words', () => {
    const url = 'https://www.instagram.com/p/CSpmSvAphdf/';
    const figure = `<!-- wp:embed {"url":"${url}","type":"rich","providerNameSlug":"instagram","responsive":true} --><figure class="wp-block-embed is-type-rich is-provider-instagram wp-block-embed-instagram"><div class="wp-block-embed__wrapper">${url}</div></figure><!-- /wp:embed -->`;
    const source = `$converter = new Block_Converter( '<p>${url}</p>' );\n$this->assertSame( '${figure}', $block );\n`;
    const found = findEmbeds(source, 'text', NOW);
    expect(found.map((e) => [e.found, e.shortcode])).toEqual([
      ['link', 'CSpmSvAphdf'],
      ['link', 'CSpmSvAphdf'],
    ]);
    // The figure's range takes the block's comments and the figure itself.
    expect(slice(source, found[1] as FoundEmbed)).toBe(figure);
    expect(findEmbeds(`$html = '<p>See ${url} for it</p><div class="note">${url}</div>';\n`, 'text', NOW)).toEqual([]);
  });

  it("reads Substack's Instagram component by its instagram_id, the handle from author_name and the name from the title, however its JSON is quoted", () => {
    const card = (json: string) => `<div data-component-name="InstagramToDOM" data-attrs='${json}'></div>`;
    const text = (middle: string) => `const out = sanitize(\`${middle}\`);\n`;
    const first = only(
      findEmbeds(
        text(
          card(
            '{"instagram_id":"DVwle3zjQXZ","author_name":"@devgirl___","thumbnail_url":"https://substack-post-media.s3.amazonaws.com/x.jpg","title":"/dev/girl on Instagram"}',
          ),
        ),
        'text',
        NOW,
      ),
    );
    expect(first).toMatchObject({
      found: 'link',
      shortcode: 'DVwle3zjQXZ',
      kind: 'p',
      author: { name: '/dev/girl', handle: 'devgirl___' },
      caption: null,
    });
    // A feed's copy: the JSON entity-encoded in a double-quoted attribute, Substack's older class, the byline-form title.
    const feed = `<div class="instagram" data-attrs="{&quot;instagram_id&quot;:&quot;BsozzXrhcLu&quot;,&quot;title&quot;:&quot;A post shared by Zander Cutt (@zandercutt)&quot;,&quot;author_name&quot;:&quot;zandercutt&quot;}"></div>`;
    for (const format of ['html', 'text'] as const) {
      expect(only(findEmbeds(format === 'html' ? article(feed) : text(feed), format, NOW)), format).toMatchObject({
        found: 'link',
        shortcode: 'BsozzXrhcLu',
        author: { name: 'Zander Cutt', handle: 'zandercutt' },
      });
    }
    expect(only(findEmbeds(text(card('{"instagram_id":"DVwle3zjQXZ","title":"Hello"}')), 'text', NOW)).author).toEqual({
      name: null,
      handle: null,
    });
    // Not posts: a test id, broken JSON, another component's data.
    expect(findEmbeds(text(card('{"instagram_id":"abc"}')), 'text', NOW)).toEqual([]);
    expect(findEmbeds(text('<div data-component-name="InstagramToDOM" data-attrs="{not json instagram_id}"></div>'), 'text', NOW)).toEqual(
      [],
    );
    expect(
      findEmbeds(text(`<div data-component-name="Twitter2ToDOM" data-attrs='{"instagram_id":"DVwle3zjQXZ"}'></div>`), 'text', NOW),
    ).toEqual([]);
  });
});

describe('dead embeds on South and Southeast Asian pages', () => {
  it('reads an embed a page took out by commenting it as the embed it published; a comment that only names a post is not one', () => {
    // web/bgunsri-vote-id.php: a vote page's "How to vote" block, a whole captioned embed inside <!-- … -->.
    for (const format of ['text', 'html'] as const) {
      const page = article(`<!-- <h4>How to vote:</h4>\n<div class="embed-container">${V8}</div> -->`);
      const embed = only(findEmbeds(page, format, NOW));
      expect(embed).toMatchObject({ found: 'blockquote', shortcode: 'BjyihedFlTz' });
      expect(slice(page, embed)).toContain('<blockquote class="instagram-media"');
      expect(embed.start).toBeGreaterThan(page.indexOf('<!--'));
      expect(embed.end).toBeLessThan(page.indexOf('-->'));
    }
    expect(findEmbeds(article(`<!-- old: ${POST} -->`), 'html', NOW)).toEqual([]);
    expect(findEmbeds(article('<!-- <blockquote class="twitter-tweet"><p>Hello</p></blockquote> -->'), 'html', NOW)).toEqual([]);
  });

  it('reads a Hindi byline a page translator wrote, "NAME (@handle) द्वारा साझा की गई एक पोस्ट", on its own line', () => {
    // web/yabzh-stinasanders-hi.txt: the header above it was translated too ("इस पोस्ट को इंस्टाग्राम पर देखें").
    const hindi = 'परिचय।\nइस पोस्ट को इंस्टाग्राम पर देखें\nSTINA SANDERS (@stinasanders) द्वारा साझा की गई एक पोस्ट\nअधिक: आगे।';
    expect(only(findEmbeds(hindi, 'text', NOW))).toMatchObject({
      found: 'text',
      author: { name: 'STINA SANDERS', handle: 'stinasanders' },
      caption: null,
      dateText: null,
    });
  });
});

describe('leftovers a flattening tool ran onto one line', () => {
  it("reads a header that opens a sentence after the page's own, with its caption and byline on the same line; a header inside a sentence heads nothing", () => {
    const flat =
      'The team posted it after the race. View this post on Instagram Back on top 🏁 A post shared by Ferrari (@ferrari) The season goes on.';
    expect(only(findEmbeds(flat, 'text', NOW))).toMatchObject({
      found: 'text',
      author: { name: 'Ferrari', handle: 'ferrari' },
      caption: 'Back on top 🏁',
      dateText: null,
    });
    const italian =
      'La squadra ha festeggiato così! Visualizza questo post su Instagram Di nuovo in testa Un post condiviso da Ferrari (@ferrari) La stagione continua.';
    expect(only(findEmbeds(`<p>${italian}</p>`, 'html', NOW))).toMatchObject({
      author: { handle: 'ferrari' },
      caption: 'Di nuovo in testa',
    });
    // The header quoted inside a sentence, and the byline on another line than the header: neither ties the two.
    expect(
      findEmbeds(
        'Readers who tap View this post on Instagram see Back on top A post shared by Ferrari (@ferrari) in a new tab.',
        'text',
        NOW,
      ),
    ).toEqual([]);
    expect(
      only(findEmbeds('It went up. View this post on Instagram here.\nA post shared by Ferrari (@ferrari)\n\nMore.', 'text', NOW)).caption,
    ).toBeNull();
  });

  it('takes no flattened header for a sentence that names the header and the byline and goes on in lower case after either', () => {
    // A how-to page's sentence: the header and the byline quoted as the parts of an embed.
    for (const prose of [
      'Embedding is easy. View this post on Instagram appears above the caption, then A post shared by Jane Doe (@janedoe) below.',
      'Fans loved it. View this post on Instagram and you will find A post shared by Ferrari (@ferrari) with over a million likes.',
      'Fans loved it. View this post on Instagram Back on top A post shared by Ferrari (@ferrari) got a million likes.',
    ])
      expect(findEmbeds(prose, 'text', NOW), prose).toEqual([]);
  });

  it('reads a flattened caption that opens with a mention or a number', () => {
    for (const caption of ['@charles_leclerc what a race!', '1-2 in Monza!']) {
      const flat = `The team posted it after the race. View this post on Instagram ${caption} A post shared by Ferrari (@ferrari) The season goes on.\n`;
      const embed = only(findEmbeds(flat, 'text', NOW));
      expect(embed).toMatchObject({ caption, author: { name: 'Ferrari', handle: 'ferrari' } });
      expect(slice(flat, embed)).toBe(`View this post on Instagram ${caption} A post shared by Ferrari (@ferrari)`);
    }
  });

  it("ends a flattened leftover at its byline where the page's words go on, so the next leftover on the line is read too", () => {
    const flat =
      'The team posted it. View this post on Instagram Back on top A post shared by Ferrari (@ferrari) Then Leclerc replied. View this post on Instagram Thanks team A post shared by Charles Leclerc (@charles_leclerc) The season goes on.\n';
    const found = findEmbeds(flat, 'text', NOW);
    expect(found.map((embed) => slice(flat, embed))).toEqual([
      'View this post on Instagram Back on top A post shared by Ferrari (@ferrari)',
      'View this post on Instagram Thanks team A post shared by Charles Leclerc (@charles_leclerc)',
    ]);
    expect(found.map((embed) => embed.caption)).toEqual(['Back on top', 'Thanks team']);
  });

  it("keeps a Markdown link's brackets and URL around a flattened leftover's first and last words in its range", () => {
    const header = `She wrote it. [View this post on Instagram](${POST}) Back on top A post shared by Ferrari (@ferrari) The season goes on.`;
    const text = `Intro.\n\n${header}\n\nMore.\n`;
    expect(slice(text, only(findEmbeds(text, 'markdown', NOW)))).toBe(
      `[View this post on Instagram](${POST}) Back on top A post shared by Ferrari (@ferrari)`,
    );
    const byline = `She wrote it. Back on top [A post shared by Ferrari (@ferrari) on Jun 8, 2018 at 8:58pm PDT](${POST}) The season goes on.`;
    const linked = `Intro.\n\n${byline}\n\nMore.\n`;
    expect(slice(linked, only(findEmbeds(linked, 'markdown', NOW)))).toBe(
      `[A post shared by Ferrari (@ferrari) on Jun 8, 2018 at 8:58pm PDT](${POST})`,
    );
  });

  it("keeps a list's bullet or a caption's emoji before a byline in its range: no page words there", () => {
    for (const [lead, format] of [
      ['- ', 'markdown'],
      ['❤️ ', 'text'],
    ] as const) {
      const text = `Intro.\n\n${lead}A post shared by Jane (@jane) on Jun 8, 2018 at 8:58pm PDT\n\nMore.\n`;
      expect(slice(text, only(findEmbeds(text, format, NOW)))).toBe(`${lead}A post shared by Jane (@jane) on Jun 8, 2018 at 8:58pm PDT`);
    }
  });

  it("reads a byline whose words a page joined with no-break spaces as the name's plain words", () => {
    const html =
      '<p>Intro.</p><p>View this post on Instagram</p><p>Caption</p><p>A&nbsp;post&nbsp;shared&nbsp;by&nbsp;Shogo&nbsp;Sensui&nbsp;(@1000ch)&nbsp;on&nbsp;Jun&nbsp;8,&nbsp;2018&nbsp;at&nbsp;8:58pm&nbsp;PDT</p><p>After.</p>';
    expect(only(findEmbeds(html, 'html', NOW))).toMatchObject({
      author: { name: 'Shogo Sensui', handle: '1000ch' },
      dateText: 'Jun 8, 2018 at 8:58pm PDT',
    });
    // An ideographic space is the name's own.
    const japanese = '<p>Intro.</p><p>A post shared by 山田\u3000太郎 (@yamada) on Jun 8, 2018 at 8:58pm PDT</p><p>After.</p>';
    expect(only(findEmbeds(japanese, 'html', NOW)).author.name).toBe('山田\u3000太郎');
  });

  it('reads a header link over a caption link to the same post as one leftover; a link to another post under a header is that post', () => {
    const post = 'https://www.instagram.com/p/B3IHhXZgz2Y/';
    const other = 'https://www.instagram.com/p/B8kFzL2hXYZ/';
    const byline = 'A post shared by <a href="https://www.instagram.com/1000ch/">Shogo Sensui</a> (@1000ch) on Jun 8, 2018 at 8:58pm PDT';
    const stripped = `<p>Intro.</p><div><a href="${post}">View this post on Instagram</a></div><p><a href="${post}">Caption line</a></p><p>${byline}</p><p>After.</p>`;
    expect(only(findEmbeds(stripped, 'html', NOW))).toMatchObject({
      found: 'text',
      shortcode: 'B3IHhXZgz2Y',
      caption: 'Caption line',
      author: { handle: '1000ch' },
      dateText: 'Jun 8, 2018 at 8:58pm PDT',
    });
    // The byline lost too: the header and its caption still make the one post.
    const captionOnly = `<p>Intro.</p><p><a href="${post}">View this post on Instagram</a></p><p><a href="${post}">Caption line</a></p><p>The article goes on.</p>`;
    expect(only(findEmbeds(captionOnly, 'html', NOW))).toMatchObject({ shortcode: 'B3IHhXZgz2Y', caption: 'Caption line' });
    const another = `<p>Intro.</p><p><a href="${post}">View this post on Instagram</a></p><p><a href="${other}">Another post</a></p><p>After.</p>`;
    expect(findEmbeds(another, 'html', NOW).map((found) => found.shortcode)).toEqual(['B3IHhXZgz2Y', 'B8kFzL2hXYZ']);
    // A bare URL under a header is its own post link, not a caption.
    const bare = `<p>Intro.</p><p><a href="${post}">View this post on Instagram</a></p><p><a href="${other}">${other}</a></p><p>After.</p>`;
    expect(findEmbeds(bare, 'html', NOW).map((found) => found.shortcode)).toEqual(['B3IHhXZgz2Y', 'B8kFzL2hXYZ']);
  });

  it("reads a byline the page linked to the post as a whole as that leftover, with the link's post; a post link whose text is prose stays a link", () => {
    const post = 'https://www.instagram.com/p/B3IHhXZgz2Y/';
    const linked = `<p>Intro.</p><p><a href="${post}">A post shared by Shogo Sensui (@1000ch) on Jun 8, 2018 at 8:58pm PDT</a></p><p>After.</p>`;
    expect(only(findEmbeds(linked, 'html', NOW))).toMatchObject({
      found: 'text',
      shortcode: 'B3IHhXZgz2Y',
      author: { name: 'Shogo Sensui', handle: '1000ch' },
      dateText: 'Jun 8, 2018 at 8:58pm PDT',
    });
    const prose = `<p>Intro.</p><p><a href="${post}">Our photo of the week, by @1000ch</a></p><p>After.</p>`;
    expect(only(findEmbeds(prose, 'html', NOW))).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
    // Link text that holds the template's words and a handle but goes on with the page's words is no leftover: the link keeps the post.
    for (const words of [
      'A post shared by NASA (@nasa) about the Mars landing',
      'Watch: A post shared by NASA (@nasa) shows the rover',
      'A photo shared by Jane (@jane) on her trip',
    ]) {
      const html = `<p>Intro.</p><p><a href="${post}">${words}</a></p><p>After.</p>`;
      expect(only(findEmbeds(html, 'html', NOW)), words).toMatchObject({ found: 'link', shortcode: 'B3IHhXZgz2Y' });
    }
  });
});

describe('dead embeds on Spanish and Portuguese pages', () => {
  it('reads a date-less European Portuguese byline whose connector "a" ends the text, as it reads one before a line break', () => {
    // web/movenoticias-ronaldo-pt.txt: three headerless leftovers, each a caption line and the v8
    // byline "Uma publicação partilhada por NAME (@handle) a", the last one ending the stored text.
    const byline = 'Uma publicação partilhada por Cristiano Ronaldo (@cristiano) a';
    const leftover = (caption: string) => `${caption}\n\n${byline}`;
    const page = `Intro paragraph.\n\n${leftover('???')}\n\nO jogador escreveu mais.\n\n${leftover('Hard work and dedication. ?????')}\n\nE voltou à carga.\n\n${leftover('O que incomoda as pessoas é o meu brilho!!!!')}`;
    const found = findEmbeds(page, 'text', NOW);
    expect(found).toHaveLength(3);
    for (const embed of found) {
      expect(embed).toMatchObject({
        found: 'text',
        author: { name: 'Cristiano Ronaldo', handle: 'cristiano' },
        caption: null,
        dateText: null,
      });
      expect(slice(page, embed)).toBe(byline);
    }
    // The same byline alone at the text's end, with or without the line break after it.
    for (const end of ['', '\n']) {
      const text = `Intro paragraph.\n\n${byline}${end}`;
      expect(slice(text, only(findEmbeds(text, 'text', NOW)))).toBe(byline);
    }
  });

  it('takes a template leftover outside a blockquote for no post either: header linked to template code, a sample caption and byline', () => {
    const byline = 'A post shared by Deleitese (@deleitese_co) on Jun 19, 2016 at 1:43pm PDT';
    const html = (href: string) =>
      `<p>Intro.</p><p><a href="${href}">View this post on Instagram</a></p><p>Caption</p><p>${byline}</p><p>End.</p>`;
    expect(findEmbeds(html('https://www.instagram.com/p/{{code}}/'), 'html', NOW)).toEqual([]);
    const markdown = (href: string) => `Intro.\n\n[View this post on Instagram](${href})\n\nCaption\n\n${byline}\n\nEnd.\n`;
    expect(findEmbeds(markdown('https://www.instagram.com/p/{{code}}/'), 'markdown', NOW)).toEqual([]);
    // A PHP loop read as text: the scan blanks the `<?` of `<?= … ?>` (document.ts).
    const php = `<?php foreach ($posts as $post): ?>\n<p><a href="https://www.instagram.com/p/<?= $post->code ?>/">View this post on Instagram</a></p>\n<p>Caption</p>\n<p>${byline}</p>\n<?php endforeach; ?>\n`;
    expect(findEmbeds(php, 'text', NOW)).toEqual([]);
    // A header alone with its caption and a templated link: no caption-only post.
    expect(
      findEmbeds(
        'Intro.\n\n[View this post on Instagram](https://www.instagram.com/p/{{code}}/)\n\nCaption of the sample.\n\nEnd.\n',
        'markdown',
        NOW,
      ),
    ).toEqual([]);
    expect(only(findEmbeds(markdown(POST), 'markdown', NOW))).toMatchObject({
      found: 'text',
      shortcode: 'B3IHhXZgz2Y',
      caption: 'Caption',
    });
    expect(only(findEmbeds(html(POST), 'html', NOW))).toMatchObject({ shortcode: 'B3IHhXZgz2Y', caption: 'Caption' });
  });

  it('takes an embed template whose post link holds the code that fills the shortcode in for no post, its sample byline too; a real post link is a post', () => {
    // web/deleitese-player-es.php: a v7 Spanish embed in a JavaScript string, its attribute quotes
    // stripped, the link's shortcode concatenated in (`/p/" + id + "/`), a concrete sample byline.
    const byline =
      'Un vídeo publicado por Deléitese Gastronomia (@deleitese_co) el <time datetime="2016-06-19T20:43:02+00:00">19 de Jun de 2016 a la(s) 1:43 PDT</time>';
    const embed = (path: string) =>
      `<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-version="7"><div><p><a href="https://www.instagram.com/p/${path}/" target="_blank">Te enseñamos a preparar las tajadas de maduro.</a></p><p>${byline}</p></div></blockquote>`;
    const concatenated =
      'var instagramplayer = "<blockquote class=instagram-media data-instgrm-captioned data-instgrm-version=7><div><p><a href=https://www.instagram.com/p/" + id + "/ target=_blank>Te enseñamos a preparar las tajadas de maduro.</a></p><p>Un vídeo publicado por Deléitese Gastronomia (@deleitese_co) el <time datetime=2016-06-19T20:43:02+00:00>19 de Jun de 2016 a la(s) 1:43 PDT</time></p></div></blockquote>";';
    const quoted = `var player = '${embed("' + id + '")}';`;
    for (const format of ['text', 'html'] as const) {
      expect(findEmbeds(`<script>\n${concatenated}\n</script>`, format, NOW)).toEqual([]);
      expect(findEmbeds(`<script>\n${quoted}\n</script>`, format, NOW)).toEqual([]);
    }
    for (const code of [`\${id}`, '$(param[1])', '{{ post.shortcode }}', '<?= $code ?>', '<%= code %>', '%7B%7Bcode%7D%7D']) {
      expect(findEmbeds(article(embed(code)), 'html', NOW), code).toEqual([]);
    }
    expect(only(findEmbeds(article(embed('B3IHhXZgz2Y')), 'html', NOW))).toMatchObject({
      found: 'blockquote',
      shortcode: 'B3IHhXZgz2Y',
      author: { name: 'Deléitese Gastronomia', handle: 'deleitese_co' },
      dateText: '19 de Jun de 2016 a la(s) 1:43 PDT',
    });
  });
});

describe('dead embeds on sports pages', () => {
  it.each([
    [
      'English, a caption opening on the account it answers',
      'View this post on Instagram',
      '@rival_fighter Respect. It was an honor to share the cage.',
    ],
    [
      'French, a caption closing on its hashtag',
      'Voir cette publication sur Instagram',
      'Quelle soirée au Parc, merci à tous #ICICESTPARIS',
    ],
    ['Spanish, a full-width hashtag', 'Ver esta publicación en Instagram', 'Vamos por más ＃Campeones'],
  ] as const)(
    'reads the one line below a lone header as its caption in a store of one line break per paragraph, by a caption’s edges: %s',
    (_label, header, caption) => {
      // web/mmajunkie-fightisland-en.txt: the store kept one line break per paragraph and no byline.
      const text = `The defeated: a fighter\n${header}\n${caption}\nThe winners had their say too.`;
      const embed = only(findEmbeds(text, 'text', NOW));
      expect(embed).toMatchObject({ found: 'text', caption, author: { name: null, handle: null } });
      expect(slice(text, embed)).toBe(`${header}\n${caption}`);
      expect(embed.review.reasons).toContain('caption-only');
    },
  );

  it('reads the last caption of a run of lone headers, cut where the store cut the page, as the run’s next post', () => {
    // web/mmajunkie-fightisland-en.txt: a header, "@newmansa94 … #ufcfightisland5", a header, then a
    // caption in the page's language running to the text's end.
    const first = '@rival_fighter God bless you. It was an honor to step in the Octagon with you #fightnight';
    const last = '“Everybody gets knocked down” • What an honor to have these men';
    const text = `Check out some of those reactions.\nView this post on Instagram\n${first}\nView this post on Instagram\n${last}`;
    const found = findEmbeds(text, 'text', NOW);
    expect(found.map((embed) => embed.caption)).toEqual([first, last]);
    // Below the run's header the page's own paragraph goes on: that header heads nothing.
    const goesOn = `Check out some of those reactions.\nView this post on Instagram\n${first}\nView this post on Instagram\nThe card resumes next month in Abu Dhabi.\nMore fights were announced.`;
    expect(findEmbeds(goesOn, 'text', NOW).map((embed) => embed.caption)).toEqual([first]);
  });

  it('takes no line without a caption’s edges below a lone header in a store of one line break per paragraph', () => {
    for (const line of [
      'The fighter answered later in a press conference.',
      'He wrote to @rival_fighter after the bout.',
      'Fans used the tag #fightnight all evening.',
      '“Everybody gets knocked down” • What an honor to have these men',
    ]) {
      expect(findEmbeds(`Intro.\nView this post on Instagram\n${line}\nAfter.`, 'text', NOW), line).toEqual([]);
    }
  });
});

describe('embeds kept in source code beside samples of their markup', () => {
  /** A v7 embed as an oEmbed answer's `html` holds it in JSON: `\"` quotes, `<` and `>` as `\u003c`, `\u003e`. */
  const embed =
    '<blockquote class="instagram-media" data-instgrm-version="7"><div><p><a href="https://www.instagram.com/p/B3IHhXZgz2Y/" target="_blank">A photo posted by Instagram (@instagram)</a> on <time datetime="2019-10-09T17:05:06+00:00">Oct 9, 2019 at 10:05am PDT</time></p></div></blockquote>';
  const inJson = JSON.stringify(embed).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

  it('reads an oEmbed answer kept in a code string once, not once for each way its literal is decoded', () => {
    // web/hugo-shortcode-test.go: the answer's `html` was read as an escaped literal and again as a
    // literal around "Instagram" holding an escape; both copies gave the post over the same bytes.
    const text = `\tresp := \`{"provider_name": "Instagram", "html": ${inJson}, "type": "rich"}\`\n`;
    const found = only(findEmbeds(text, 'text', NOW));
    expect(found).toMatchObject({ found: 'blockquote', shortcode: 'B3IHhXZgz2Y', author: { name: 'Instagram', handle: 'instagram' } });
  });

  it("ends an unclosed embed start tag in code where the next literal's escaped embed starts: that embed is the post, with its own byline", () => {
    // web/hugo-shortcode-test.go: a test's expected regex holds `<blockquote class="instagram-media" … .*`,
    // never closed; the next case's oEmbed answer keeps its embed escaped.
    const sample =
      '`(?s)<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-version="7" .*defer src="//platform.instagram.com/en_US/embeds.js"></script>`,';
    const answers = [
      `\`{"provider_name": "Instagram", "html": ${inJson}}\`,`,
      `'${embed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}',`,
    ];
    for (const answer of answers) {
      const text = `\t\t\t${sample}\n\t\t},\n\t\t{\n\t\t\t\`1\`,\n\t\t\t${answer}\n\t\t},\n`;
      const found = only(findEmbeds(text, 'text', NOW));
      expect(found, answer.slice(0, 20)).toMatchObject({
        found: 'blockquote',
        shortcode: 'B3IHhXZgz2Y',
        author: { name: 'Instagram', handle: 'instagram' },
        dateText: 'Oct 9, 2019 at 10:05am PDT',
      });
      expect(text.slice(found.start, found.start + 1), answer.slice(0, 20)).not.toBe('(');
    }
  });
});

describe('bylines naming a placeholder where the handle goes', () => {
  it('reads no post from a template byline quoted with "(@handle)" or "(@your_username)"', () => {
    // web/newsapp-social-residue.py: a news app's worker quotes the leftovers it strips.
    const texts = [
      '# The feed carries embed credits in summaries ("Name | @handle/Instagram",\n# "View this post on Instagram A post shared by Name (@handle)", a lone "@handle").\n',
      'View this post on Instagram\n\nA post shared by Your Name (@your_username) on\n',
      'Paste the text:\nA photo posted by NOM (@nom_utilisateur) on DATE\n',
    ];
    for (const text of texts) expect(findEmbeds(text, 'text', NOW), text).toEqual([]);
  });

  it('still reads a byline whose handle only holds such a word', () => {
    for (const handle of ['handlebar.studio', 'theuser_official', 'accountingtoday']) {
      const text = `View this post on Instagram\n\nA post shared by Some Shop (@${handle}) on\n`;
      expect(only(findEmbeds(text, 'text', NOW)), handle).toMatchObject({ found: 'text', author: { handle } });
    }
  });
});
