import { WORDPRESS_MAX_HEIGHT } from './height-script.js';
import type { EmbedTheme } from './variant.js';

const LIGHT = '--bg:#fff;--fg:#111;--mu:#595959;--bd:#dbdbdb;--ln:#00376b';
const DARK = '--bg:#121212;--fg:#f2f2f2;--mu:#a8a8a8;--bd:#363636;--ln:#8ab4f8';

const THEME_CSS: Record<EmbedTheme, string> = {
  auto: `:root{color-scheme:light dark;${LIGHT}}@media(prefers-color-scheme:dark){:root{${DARK}}}`,
  light: `:root{color-scheme:light;${LIGHT}}`,
  dark: `:root{color-scheme:dark;${DARK}}`,
};

/** A folded caption's box: 12 px padding above and below, five lines and the "more" line. */
const FOLDED_CAPTION_PX = 24 + 6 * 20;

/**
 * `fit` (set by the height script when the host sized the frame): the card fills the frame
 * exactly; header, caption and footer keep their height and the media take the rest, cropped to
 * cover it. An unfolded caption gives way first: it keeps at least its folded size and scrolls
 * inside its own box, so the picture keeps its proportions and the footer stays in view. A frame
 * wider than the card's 540 px (a consumer's fluid box of the answer's aspect ratio) is filled
 * across too, so the picture is not cropped to a tall strip. `cap` pins the page to
 * WordPress's 1000 px frame cap (WORDPRESS_MAX_HEIGHT) with the same layout.
 */
const FIT =
  `.fit,.fit body{height:100%;overflow:hidden}.cap,.cap body{height:${WORDPRESS_MAX_HEIGHT}px}.fit figure{height:100%;max-width:none;display:flex;flex-direction:column}` +
  '.fit figure>*{flex:none}.fit figure>.it,.fit .sc{flex:1 1 auto;min-height:0}.fit .sc{align-items:stretch}' +
  '.fit .it picture,.fit .it img,.fit .na{display:block;width:100%;height:100%}.fit img{object-fit:cover}' +
  `.fit figure>blockquote:has(#m:checked){flex-shrink:1000;min-height:${FOLDED_CAPTION_PX}px;overflow-y:auto}`;

/**
 * Kept tiny: the whole page must stay under 3 KB brotli. Layout numbers here are mirrored by
 * estimate-height.ts; change both together. The caption fold is a visually hidden checkbox
 * (#m) before the line-clamped caption, so the full text stays in one element for readers,
 * copy and paste, and screen readers, and "more" needs no script.
 */
const BASE =
  '*{box-sizing:border-box}body{margin:0;color:var(--fg);font:14px/20px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'figure{margin:0 auto;max-width:540px;background:var(--bg);border:1px solid var(--bd);border-radius:8px;overflow:hidden}a{color:var(--ln)}' +
  'a:focus-visible,.sc:focus-visible,#m:focus-visible~label{outline:2px solid var(--ln);outline-offset:-2px}' +
  'header,blockquote{margin:0;padding:12px}header a{display:block;text-decoration:none;overflow-wrap:anywhere}.n{font-weight:600;color:var(--fg)}' +
  '.h,figcaption,label,.t{color:var(--mu)}.sc{display:flex;align-items:center;overflow-x:auto;scroll-snap-type:x mandatory}' +
  '.it{flex:0 0 100%;scroll-snap-align:start;position:relative;display:block}img{display:block;width:100%;height:auto;background:center/cover no-repeat}' +
  '.ct,.pl{position:absolute;color:#fff;background:#000b;border-radius:99px}.ct{top:8px;right:8px;padding:0 8px;font-size:12px}' +
  '.pl{top:50%;left:50%;width:56px;height:56px;margin:-28px;line-height:56px;text-align:center;font-size:24px}' +
  '.na{display:grid;place-items:center;color:var(--mu)}.c{margin:0;white-space:pre-line;overflow-wrap:anywhere}' +
  '.f .c{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:5;overflow:hidden}#m{position:absolute;opacity:0}' +
  '#m:checked+.c{display:block}#m:checked~label{display:none}label{cursor:pointer}.t{margin:0;padding:0 12px 12px}' +
  'figcaption{padding:0 12px 12px;font-size:12px;line-height:16px}' +
  FIT;

export function embedCss(theme: EmbedTheme): string {
  return THEME_CSS[theme] + BASE;
}
