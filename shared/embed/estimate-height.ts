import type { PostRecord } from '../post/post.js';
import { FOLD_LINES } from './caption.js';
import { EMBED_MAX_WIDTH } from './media.js';
import { footerLines, HIDDEN_NOTICE } from './status-text.js';
import type { EmbedVariant } from './variant.js';
import { type EmbedView, toEmbedView } from './view.js';

/**
 * Mirrors the page's CSS (styles.ts): 1px border, 12px padding, 14px/20px body text, 12px/16px
 * figcaption. Character widths are a little wider than system-ui's average so the estimate errs
 * tall: a few blank pixels are better than a cut-off embed when no script reports the height.
 */
const BODY_CHAR_PX = 7.6;
const SMALL_CHAR_PX = 6.6;
const LINE = 20;
const SMALL_LINE = 16;
const PAD = 12;
const BORDER = 1;

/** East Asian wide letters and emoji take about twice the width of a Latin letter. */
function widthUnits(text: string): number {
  let units = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    units +=
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        cp >= 0x1f000)
        ? 2
        : 1;
  }
  return units;
}

export function textLines(text: string, widthPx: number, charPx: number): number {
  const perLine = Math.max(1, Math.floor(widthPx / charPx));
  return text.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(widthUnits(paragraph) / perLine)), 0);
}

export function estimateViewHeight(view: EmbedView, width: number): number {
  const outer = Math.max(1, Math.min(Math.floor(width), EMBED_MAX_WIDTH));
  const inner = Math.max(1, outer - 2 * BORDER);
  const text = Math.max(1, inner - 2 * PAD);
  let height = 2 * BORDER;
  // header: name (bold) and handle, one block each
  const who = [view.name, view.handle ? `@${view.handle}` : null].filter((t): t is string => t !== null);
  height +=
    2 * PAD +
    Math.max(
      1,
      who.reduce((sum, t) => sum + textLines(t, text, BODY_CHAR_PX * 1.08), 0),
    ) *
      LINE;
  if (view.media.length > 0) height += Math.ceil(inner * Math.max(...view.media.map((m) => m.ratio)));
  if (view.state.kind === 'hidden') height += LINE * textLines(HIDDEN_NOTICE, text, BODY_CHAR_PX) + PAD;
  if (view.caption !== null) {
    const lines = textLines(view.caption, text, BODY_CHAR_PX);
    height += 2 * PAD + (view.folded ? Math.min(lines, FOLD_LINES) + 1 : lines) * LINE;
  }
  height += PAD + SMALL_LINE * footerLines(view).reduce((sum, t) => sum + textLines(t, text, SMALL_CHAR_PX), 0);
  return Math.ceil(height);
}

/** Server-side height of the embed page at `width` px, for oEmbed and iframe `height`. */
export function estimateEmbedHeight(post: PostRecord, width: number, variant: EmbedVariant): number {
  return estimateViewHeight(toEmbedView(post, { baseUrl: '', variant }), width);
}
