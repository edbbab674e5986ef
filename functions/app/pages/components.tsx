/** @jsxImportSource hono/jsx */
import type { Post, Snippet } from '../api-client.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Feb 16, 2020, 00:21 UTC": the same for every editor, wherever the newsroom sits. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function Time({ iso }: { iso: string | null | undefined }) {
  return iso ? <time datetime={iso}>{formatTime(iso)}</time> : <span>—</span>;
}

const STATUS_TEXT: Record<Post['status'], string> = {
  live: 'Live',
  removed: 'Removed on Instagram',
  unknown: 'Unknown',
  hidden: 'Hidden',
};

export function StatusChip({ status }: { status: Post['status'] }) {
  return <span class={`chip s-${status}`}>{STATUS_TEXT[status]}</span>;
}

export function postTitle(post: Pick<Post, 'author' | 'shortcode' | 'id'>): string {
  const { name, handle } = post.author;
  if (name && handle) return `${name} (@${handle})`;
  if (handle) return `@${handle}`;
  if (name) return name;
  return post.shortcode ? `Post ${post.shortcode}` : `Post ${post.id}`;
}

/** Original URL, archive URL, capture time: what a footnote or a corrections note needs. */
export function Citation({ post }: { post: Post }) {
  return (
    <p class="cite">
      <strong>Cite: </strong>
      {postTitle(post)}, Instagram{post.takenAt ? `, ${formatTime(post.takenAt)}` : ''}
      {post.url ? (
        <>
          {', '}
          <a href={post.url}>{post.url}</a>
        </>
      ) : null}
      {'; archived by postkeep '}
      <Time iso={post.capturedAt} />
      {', '}
      <a href={post.embedUrl}>{post.embedUrl}</a>
    </p>
  );
}

/**
 * "Copy embed code": every form a CMS takes, each in a read-only field with its own copy button
 * (the common script wires them; without script the text is there to select).
 */
export function EmbedCode({ post, snippet, idPrefix }: { post: Post; snippet: Snippet | null; idPrefix: string }) {
  const fields = [
    { id: `${idPrefix}-iframe`, label: 'Iframe (any CMS that accepts HTML)', value: snippet?.iframe ?? '' },
    { id: `${idPrefix}-inline`, label: 'Inline HTML, no frame or script', value: snippet?.inline ?? '' },
    { id: `${idPrefix}-oembed`, label: 'oEmbed URL', value: post.oembedUrl },
    { id: `${idPrefix}-embed`, label: 'Embed URL (paste into WordPress or Ghost)', value: post.embedUrl },
  ];
  return (
    <div class="snippets">
      <div class="actions">
        <button type="button" data-copy={`${idPrefix}-iframe`} aria-describedby={`${idPrefix}-copy-hint`}>
          Copy embed code
        </button>
        <span class="small muted" id={`${idPrefix}-copy-hint`}>
          the iframe form; every other form below
        </span>
      </div>
      <details>
        <summary>Embed code: iframe, inline, oEmbed, WordPress and Ghost</summary>
        {fields.map((field) => (
          <div class="field">
            <label for={field.id}>{field.label}</label>
            <textarea id={field.id} class="code" readonly rows={3}>
              {field.value}
            </textarea>
            <button type="button" class="secondary" data-copy={field.id} aria-label={`Copy: ${field.label}`}>
              Copy
            </button>
          </div>
        ))}
        <p class="small muted">
          <strong>WordPress:</strong> paste the embed URL on a line of its own in the block editor (an Embed block), or register postkeep
          once as the oEmbed provider for Instagram URLs (README, "In a CMS"). <strong>Ghost:</strong> add an Embed card and paste the embed
          URL. Plain HTML: paste the iframe, or the inline form where frames are not allowed.
        </p>
      </details>
    </div>
  );
}

export function Thumb({ post }: { post: Post }) {
  const src = post.thumbnailUrl ?? null;
  return src ? (
    <img class="thumb" src={src} alt="" width={320} height={320} loading="lazy" decoding="async" />
  ) : (
    <div class="noimg" aria-hidden="true">
      {post.status === 'hidden' ? 'Hidden' : 'No image kept'}
    </div>
  );
}

export function Flash({ kind, children }: { kind: 'ok' | 'bad' | 'info'; children: unknown }) {
  return (
    <div class={`notice ${kind === 'info' ? '' : kind}`} role={kind === 'bad' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
