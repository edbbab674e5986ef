/**
 * Instagram-shaped pages for the fake upstream, in the shapes docs/design.md describes (observed
 * 2026): the captioned embed page with `.UsernameText`, `.Caption`, `img.EmbeddedMediaImage`
 * and, for carousels and videos, a `contextJSON` script; the post page with og:/twitter: tags.
 */
export interface FakeItem {
  readonly type: 'image' | 'video';
  readonly width: number;
  readonly height: number;
  readonly alt?: string;
  /** Path on the CDN host where the fake serves this item's image. */
  readonly path: string;
  readonly cdnHost?: string;
}

export interface FakePost {
  readonly shortcode: string;
  readonly handle: string;
  readonly name: string;
  readonly caption: string;
  readonly items: readonly FakeItem[];
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function itemUrl(item: FakeItem): string {
  return `https://${item.cdnHost ?? 'scontent-fra5-1.cdninstagram.com'}${item.path}?stp=dst-jpg&_nc_ht=cdn&oh=00_sig&oe=6750A1B2`;
}

export function embedPageHtml(post: FakePost): string {
  const first = post.items[0]!;
  const srcset = [640, 750, 1080].map((w) => `${escapeHtml(itemUrl(first))}&amp;w=${w} ${w}w`).join(',');
  const captionHtml = escapeHtml(post.caption).replace(/\n/g, '<br />');
  const needsContext = post.items.length > 1 || post.items.some((item) => item.type === 'video');
  const context = needsContext
    ? `<script type="text/javascript">window.__additionalDataLoaded && 0; requireLazy(["EmbedSimple"], function(m){m.init(${JSON.stringify({
        contextJSON: JSON.stringify({ gql_data: { shortcode_media: shortcodeMedia(post) } }),
      })})});</script>`
    : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Instagram</title></head>
<body class="embedded">
<div class="Embed" data-log-event="captionedEmbedImpression">
 <div class="Header"><a class="Avatar" href="https://www.instagram.com/${post.handle}/"><img src="https://scontent.cdninstagram.com/avatar.jpg" alt="${escapeHtml(post.handle)}"></a>
  <div class="HeaderText"><a class="Username" href="https://www.instagram.com/${post.handle}/"><span class="UsernameText">${escapeHtml(post.handle)}</span></a></div></div>
 <div class="EmbeddedMedia"><img class="EmbeddedMediaImage" alt="${escapeHtml(first.alt ?? '')}" src="${escapeHtml(itemUrl(first))}" srcset="${srcset}"></div>
 <div class="Caption"><a class="CaptionUsername" href="https://www.instagram.com/${post.handle}/">${escapeHtml(post.handle)}</a><br /><br />${captionHtml}
  <div class="CaptionComments"><a href="https://www.instagram.com/p/${post.shortcode}/">View all 12 comments</a></div></div>
 <div class="Footer"><a href="https://www.instagram.com/p/${post.shortcode}/">View more on Instagram</a></div>
</div>${context}</body></html>`;
}

function shortcodeMedia(post: FakePost) {
  const node = (item: FakeItem) => ({
    __typename: item.type === 'video' ? 'GraphVideo' : 'GraphImage',
    is_video: item.type === 'video',
    dimensions: { width: item.width, height: item.height },
    display_resources: [640, 1080].map((w) => ({
      src: `${itemUrl(item)}&w=${w}`,
      config_width: w,
      config_height: Math.round((item.height * w) / item.width),
    })),
    accessibility_caption: item.alt ?? null,
    ...(item.type === 'video' ? { video_url: `https://scontent.cdninstagram.com/v/video.mp4` } : {}),
  });
  return {
    shortcode: post.shortcode,
    owner: { username: post.handle, full_name: post.name },
    edge_media_to_caption: { edges: [{ node: { text: post.caption } }] },
    ...(post.items.length > 1
      ? { __typename: 'GraphSidecar', edge_sidecar_to_children: { edges: post.items.map((item) => ({ node: node(item) })) } }
      : node(post.items[0]!)),
  };
}

export function brokenEmbedPageHtml(): string {
  return `<!DOCTYPE html><html><body class="embedded"><div class="EmbedBrokenMedia"><div class="BrokenText">This post is unavailable.</div></div></body></html>`;
}

export function postPageHtml(post: FakePost): string {
  const kind = post.items[0]?.type === 'video' ? 'reel' : 'photo';
  const short = post.caption.length > 60 ? `${post.caption.slice(0, 60)}…` : post.caption;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta property="og:title" content="${escapeHtml(post.name)} on Instagram: &quot;${escapeHtml(short)}&quot;">
<meta name="twitter:title" content="${escapeHtml(post.name)} (@${escapeHtml(post.handle)}) • Instagram ${kind}">
<meta property="og:description" content="44K likes, 116 comments - ${escapeHtml(post.handle)} on February 15, 2020: &quot;${escapeHtml(short)}&quot;.">
<meta property="og:image" content="https://scontent.cdninstagram.com/crop640.jpg">
</head><body><div id="root"></div></body></html>`;
}

export function missingPostPageHtml(): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Instagram</title></head><body><div id="root"></div></body></html>`;
}

export function loginWallHtml(): string {
  return `<!DOCTYPE html><html><head><link rel="canonical" href="https://www.instagram.com/accounts/login/"></head><body><form id="loginForm"><input name="username"><input name="password" type="password"></form></body></html>`;
}
