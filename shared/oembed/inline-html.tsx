/** @jsxImportSource hono/jsx */
import { tokenizeCaption } from '../embed/caption.js';
import { toHtmlString } from '../embed/html-string.js';
import { CaptionText } from '../embed/render-embed-page.js';
import { HIDDEN_NOTICE, statusText } from '../embed/status-text.js';
import { DEFAULT_VARIANT } from '../embed/variant.js';
import { toEmbedView } from '../embed/view.js';
import type { PostRecord } from '../post/post.js';

const OUT = { target: '_blank', rel: 'noopener noreferrer' } as const;
const MUTED = 'color:#595959';

/**
 * The embed without an iframe, for CMSs that accept plain HTML but no frames: one `<figure>`
 * with inline styles only (no classes, no script, no stylesheet), showing the first image and the
 * full caption, with attribution and a link to the archived embed. It is also the snippet an
 * editor copies. Colours are fixed (light) because a host page's theme is unknown.
 */
export function toInlineHtml(post: PostRecord, baseUrl: string): string {
  const view = toEmbedView(post, { baseUrl, variant: DEFAULT_VARIANT });
  const first = view.media[0];
  const img = first?.img;
  const more = view.media.length > 1 ? ` · ${view.media.length} photos` : '';
  const markup = (
    <figure style="margin:1em 0;max-width:540px;border:1px solid #dbdbdb;border-radius:8px;overflow:hidden;font:14px/20px system-ui,sans-serif;color:#111;background:#fff">
      <div style="padding:12px">
        {view.name && <strong style="display:block">{view.name}</strong>}
        {view.handle && view.profileUrl && (
          <a href={view.profileUrl} style={MUTED} {...OUT}>
            {`@${view.handle}`}
          </a>
        )}
      </div>
      {img && first && (
        <a href={view.embedUrl} style="display:block" {...OUT}>
          <img
            src={img.src}
            width={img.width}
            height={img.height}
            alt={first.alt}
            loading="lazy"
            style="display:block;width:100%;height:auto"
          />
        </a>
      )}
      {view.state.kind === 'hidden' && <p style={`margin:0;padding:0 12px 12px;${MUTED}`}>{HIDDEN_NOTICE}</p>}
      {view.caption !== null && (
        <blockquote cite={view.originalUrl ?? undefined} style="margin:0;padding:12px">
          <p dir="auto" style="margin:0;white-space:pre-line;overflow-wrap:anywhere">
            <CaptionText tokens={tokenizeCaption(view.caption)} />
          </p>
        </blockquote>
      )}
      <figcaption style={`padding:0 12px 12px;font-size:12px;line-height:16px;${MUTED}`}>
        {view.originalUrl && (
          <a href={view.originalUrl} style={MUTED} {...OUT}>
            Original post
          </a>
        )}
        {view.originalUrl && view.takenAt && ' · '}
        {view.takenAt && <time datetime={view.takenAt.iso}>{view.takenAt.text}</time>}
        {more}
        <br />
        {statusText(view)}
        {' · '}
        <a href={view.embedUrl} style={MUTED} {...OUT}>
          postkeep
        </a>
      </figcaption>
    </figure>
  );
  return toHtmlString(markup);
}
