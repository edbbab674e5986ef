/**
 * Articles built to make a parser do more than linear work: unclosed embeds, endless attributes,
 * unterminated quotes, entity chains, deep nesting, template words repeated without an embed,
 * Markdown brackets that never close, escaped literals that never end. Each takes the size in
 * bytes it should reach; the rescue tests double the size and compare the work done.
 */
const repeat = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));

export const ADVERSARIAL: ReadonlyArray<{ name: string; format: 'html' | 'markdown' | 'text'; build: (bytes: number) => string }> = [
  {
    name: 'unclosed embed blockquotes',
    format: 'html',
    build: (n) => repeat('<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/B3IHhXZgz2Y/">', n),
  },
  { name: 'blockquote start tags without ">"', format: 'html', build: (n) => repeat('<blockquote class="instagram-media" ', n) },
  { name: 'endless attributes', format: 'html', build: (n) => `<blockquote class="instagram-media" ${repeat('data-a=b ', n)}>` },
  {
    name: 'unterminated quote',
    format: 'html',
    build: (n) => `<blockquote class="instagram-media" data-instgrm-permalink="${repeat('x', n)}`,
  },
  {
    name: 'entity chain in a consent attribute',
    format: 'html',
    build: (n) => `<div data-content="&lt;blockquote class=&quot;instagram-media&quot; ${repeat('&amp;amp;', n)}"></div>`,
  },
  {
    name: 'deep nesting with stray closes',
    format: 'html',
    build: (n) => `${repeat('<div>', n / 2)}<p>A post shared by X (@x)</p>${repeat('</span>', n / 2)}`,
  },
  { name: 'header repeated', format: 'html', build: (n) => repeat('View this post on Instagram ', n) },
  { name: 'header lines', format: 'text', build: (n) => repeat('View this post on Instagram\n', n) },
  { name: 'byline words without a handle', format: 'text', build: (n) => repeat('A post shared by ', n) },
  { name: 'bylines one per line', format: 'text', build: (n) => repeat('A post shared by X (@x) on Feb 15, 2020 at 4:21pm PST\n', n) },
  { name: 'suffix bylines', format: 'text', build: (n) => repeat('名前(@name)がシェアした投稿 ', n) },
  { name: 'Markdown brackets that never close', format: 'markdown', build: (n) => repeat('[', n) },
  { name: 'Markdown links without a URL', format: 'markdown', build: (n) => repeat('[a](', n) },
  { name: 'escaped literal that never ends', format: 'html', build: (n) => repeat('<blockquote class=\\"instagram-media\\" ', n) },
  {
    name: 'JSON-escaped tags in a script',
    format: 'html',
    build: (n) => `<script>${repeat('\\u003cblockquote class=\\"instagram-media\\" ', n)}</script>`,
  },
  { name: 'escaped tags as text', format: 'html', build: (n) => repeat('&lt;blockquote class="instagram-media"&gt;', n) },
  { name: 'post links alone on lines', format: 'text', build: (n) => repeat('https://www.instagram.com/p/B3IHhXZgz2Y/\n', n) },
  { name: 'base64-looking template', format: 'html', build: (n) => `<script type="text/template">${repeat('QUFB', n)}</script>` },
  {
    name: 'doc-comment embeds',
    format: 'text',
    build: (n) => repeat(' * <blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/B3IHhXZgz2Y/">\n', n),
  },
  {
    name: 'commented-out embeds',
    format: 'html',
    build: (n) =>
      repeat(
        '<!-- <blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/B3IHhXZgz2Y/"></blockquote> -->\n',
        n,
      ),
  },
  {
    name: 'embed markup in string pieces joined over lines',
    format: 'text',
    build: (n) =>
      repeat(`"<blockquote class='instagram-media'><a href='https://www.instagram.com/p/B3IHhXZgz2Y/'>x</a> " .\n  "</blockquote>";\n`, n),
  },
  {
    name: 'a joined string that never ends',
    format: 'text',
    build: (n) => `"${repeat(`<blockquote class='instagram-media' " .\n  "`, n)}`,
  },
  { name: 'a comment that never closes', format: 'html', build: (n) => `<!-- ${repeat('<blockquote class="instagram-media" ', n)}` },
];
