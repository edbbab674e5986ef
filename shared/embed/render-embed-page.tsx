/** @jsxImportSource hono/jsx */
import type { PostRecord } from '../post/post.js';
import { type CaptionToken, tokenizeCaption } from './caption.js';
import { EMBED_CSP } from './headers.js';
import { HEIGHT_SCRIPT } from './height-script.js';
import { toHtmlString } from './html-string.js';
import { MEDIA_SIZES, type MediaView } from './media.js';
import { HIDDEN_NOTICE } from './status-text.js';
import { embedCss } from './styles.js';
import { type DateView, type EmbedOptions, type EmbedView, oembedLinks, toEmbedView } from './view.js';

/** Every link leaves the frame: a sandboxed iframe must not navigate itself to Instagram. */
const OUT = { target: '_blank', rel: 'noopener noreferrer' } as const;

/**
 * The embed page as a complete HTML document. Every untrusted string (caption, names, alt text)
 * goes through hono/jsx's escaping; the only raw insertions are this module's constant CSS and
 * the constant height script.
 */
export function renderEmbedPage(post: PostRecord, options: EmbedOptions): string {
  const view = toEmbedView(post, options);
  const links = oembedLinks(view);
  const hidden = view.state.kind === 'hidden';
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content={EMBED_CSP} />
        <meta name="robots" content="noindex" />
        <title>{view.title}</title>
        {/* An empty icon: a page opened on its own asks for no /favicon.ico (allowed by img-src data:). */}
        <link rel="icon" href="data:," />
        <link rel="canonical" href={view.canonicalUrl} />
        {/* A tombstone advertises no oEmbed: the endpoint answers 401 for it. */}
        {!hidden && <link rel="alternate" type="application/json+oembed" href={links.json} />}
        {!hidden && <link rel="alternate" type="text/xml+oembed" href={links.xml} />}
        <style dangerouslySetInnerHTML={{ __html: embedCss(view.variant.theme) }} />
      </head>
      <body>
        <Card view={view} />
        <script dangerouslySetInnerHTML={{ __html: HEIGHT_SCRIPT }} />
      </body>
    </html>
  );
  return `<!doctype html>${toHtmlString(page)}`;
}

function Card({ view }: { view: EmbedView }) {
  const hidden = view.state.kind === 'hidden';
  return (
    <figure>
      <Byline view={view} />
      {view.media.length > 0 && <Media view={view} />}
      {hidden && <p class="t">{HIDDEN_NOTICE}</p>}
      {view.caption !== null && <Caption view={view} caption={view.caption} />}
      <figcaption>
        {view.originalUrl && (
          <a href={view.originalUrl} {...OUT}>
            Original post
          </a>
        )}
        {view.originalUrl && view.takenAt && ' · '}
        {view.takenAt && <Time date={view.takenAt} />}
        <br />
        <Status view={view} />
      </figcaption>
    </figure>
  );
}

function Byline({ view }: { view: EmbedView }) {
  const name = view.name;
  const handle = view.handle ? `@${view.handle}` : null;
  if (!view.profileUrl)
    return (
      <header>
        {name && (
          <span class="n" dir="auto">
            {name}
          </span>
        )}
      </header>
    );
  return (
    <header>
      {name && (
        <a class="n" dir="auto" href={view.profileUrl} {...OUT}>
          {name}
        </a>
      )}
      <a class="h" href={view.profileUrl} {...OUT}>
        {handle}
      </a>
    </header>
  );
}

function Status({ view }: { view: EmbedView }) {
  const captured = view.capturedAt ? <Time date={view.capturedAt} /> : null;
  switch (view.state.kind) {
    case 'hidden':
      return (
        <>
          Hidden
          {view.state.at && (
            <>
              {' '}
              <Time date={view.state.at} />
            </>
          )}{' '}
          · captured {captured}
        </>
      );
    case 'removed':
      return (
        <>
          <strong>Original removed</strong>
          {view.state.at && (
            <>
              {' '}
              <Time date={view.state.at} />
            </>
          )}{' '}
          · archived copy captured {captured}
          <Edited view={view} />
        </>
      );
    default:
      return (
        <>
          Archived copy · captured {captured}
          <Edited view={view} />
        </>
      );
  }
}

/** The archived copy is what the article quoted; the card says when Instagram's copy changed after it. */
function Edited({ view }: { view: EmbedView }) {
  return view.editedOnInstagram ? (
    <>
      {' '}
      · Edited on Instagram since <Time date={view.editedOnInstagram} />
    </>
  ) : null;
}

function Time({ date }: { date: DateView }) {
  return <time datetime={date.iso}>{date.text}</time>;
}

/**
 * Carousels without script: the items sit in a horizontal scroll-snap strip. A page cannot
 * pick its initial scroll position without script (scroll-initial-target is Chromium-only and
 * a #fragment is overwritten by WordPress's `#?secret=`), so the slide-N variant is rendered
 * rotated: item N first, then N+1…, then 1…N-1. Every item is still there and each carries its
 * true "N / total" counter and alt text, so the order stays understandable.
 */
function Media({ view }: { view: EmbedView }) {
  const carousel = view.media.length > 1;
  const items = view.media.map((m, i) => <Item view={view} media={m} first={i === 0} carousel={carousel} />);
  if (!carousel) return <>{items}</>;
  return (
    <section class="sc" tabindex={0} aria-label={`Carousel of ${view.media.length}, scroll sideways`}>
      {items}
    </section>
  );
}

function Item({ view, media, first, carousel }: { view: EmbedView; media: MediaView; first: boolean; carousel: boolean }) {
  const counter = carousel && <span class="ct">{`${media.position} / ${media.count}`}</span>;
  const picture = media.img ? (
    <picture>
      {media.sources.map((s) => (
        <source type={s.type} srcset={s.srcset} sizes={MEDIA_SIZES} />
      ))}
      <img
        src={media.img.src}
        srcset={media.img.srcset ?? undefined}
        sizes={media.img.srcset ? MEDIA_SIZES : undefined}
        width={media.img.width}
        height={media.img.height}
        alt={media.alt}
        loading={first ? 'eager' : 'lazy'}
        decoding="async"
        style={
          [media.placeholder ? `background-image:url(${media.placeholder})` : '', media.cropped ? 'aspect-ratio:4/5;object-fit:cover' : '']
            .filter(Boolean)
            .join(';') || undefined
        }
      />
    </picture>
  ) : (
    <div class="na" style={`aspect-ratio:1/${media.ratio.toFixed(4)}`}>
      Image not archived
    </div>
  );
  if (media.type === 'video' && view.originalUrl) {
    return (
      <a class="it" href={view.originalUrl} aria-label={`Play video on Instagram: ${media.alt}`} {...OUT}>
        {picture}
        <span class="pl" aria-hidden="true">
          ▶
        </span>
        {counter}
      </a>
    );
  }
  return (
    <div class="it">
      {picture}
      {media.type === 'video' && (
        <span class="pl" aria-hidden="true">
          ▶
        </span>
      )}
      {counter}
    </div>
  );
}

function Caption({ view, caption }: { view: EmbedView; caption: string }) {
  const text = (
    <p class="c" dir="auto">
      <CaptionText tokens={tokenizeCaption(caption)} />
    </p>
  );
  return (
    <blockquote cite={view.originalUrl ?? undefined} class={view.folded ? 'f' : undefined}>
      {view.folded ? (
        <>
          <input type="checkbox" id="m" />
          {text}
          <label for="m">more</label>
        </>
      ) : (
        text
      )}
    </blockquote>
  );
}

export function CaptionText({ tokens }: { tokens: readonly CaptionToken[] }) {
  return (
    <>
      {tokens.map((t) =>
        t.type === 'text' ? (
          t.text
        ) : t.type === 'url' ? (
          <a href={t.href} rel="nofollow noopener noreferrer" target="_blank">
            {t.text}
          </a>
        ) : (
          <a href={t.href} {...OUT}>
            {t.text}
          </a>
        ),
      )}
    </>
  );
}
