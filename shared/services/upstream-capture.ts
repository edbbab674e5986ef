import type { ObjectStore } from '../adapters/object-store.js';
import type { FetchOptions, UpstreamFetch } from '../adapters/upstream-fetch.js';
import { PostUnavailableError, UpstreamError } from '../errors.js';
import { extractEmbedPage } from '../instagram/embed-page.js';
import { extractPostPage } from '../instagram/post-page.js';
import type { UpstreamPost } from '../instagram/upstream-post.js';
import type { PostUrl } from '../instagram/url.js';

const PAGE_FETCH: FetchOptions = { expect: 'html', maxBytes: 3_000_000, timeoutMs: 8_000 };

export interface RawPages {
  readonly embed: Buffer;
  readonly post: Buffer | null;
}

export type UpstreamReading =
  | { readonly type: 'found'; readonly embedPage: UpstreamPost; readonly postPage: UpstreamPost | null; readonly raw: RawPages }
  | { readonly type: 'gone'; readonly reason: 'post_gone' | 'login_wall' };

/**
 * Reads a post from Instagram's two anonymous pages. The embed page decides whether the post is
 * there; the post page only adds the display name, so its failure costs that field, not the
 * capture. Raw bodies are kept as evidence so a parser fix can re-derive fields later.
 */
export async function fetchUpstreamPost(
  ref: PostUrl,
  deps: { fetch: UpstreamFetch },
  onEmbedPage?: (post: UpstreamPost) => void,
): Promise<UpstreamReading> {
  // Observed 2026 (docs/design.md, where the data comes from): `/reel/{code}/embed/` is an app shell; `/p/{code}/…` serves every kind.
  const embedUrl = `https://www.instagram.com/p/${ref.shortcode}/embed/captioned/`;
  const postUrl = `https://www.instagram.com/p/${ref.shortcode}/`;
  // Both pages are asked for at once; the post page's failure is an answer (null), never a rejection.
  const postFetch = deps.fetch(postUrl, { ...PAGE_FETCH, acceptStatuses: [404] }).catch(() => null);
  const embedResponse = await deps.fetch(embedUrl, { ...PAGE_FETCH, acceptStatuses: [404] });

  const embed = embedResponse.status === 404 ? ({ type: 'gone' } as const) : extractEmbedPage(embedResponse.body.toString('utf8'));
  if (embed.type === 'gone') return { type: 'gone', reason: 'post_gone' };
  if (embed.type === 'login-wall') return { type: 'gone', reason: 'login_wall' };
  if (embed.type === 'unrecognised') {
    throw new UpstreamError('upstream_invalid', `Instagram's embed page was not understood: ${embed.detail}.`);
  }
  // The post is there: its images can be fetched while the (larger, slower) post page arrives.
  onEmbedPage?.(embed.post);
  const postResponse = await postFetch;
  const post = postResponse && postResponse.status !== 404 ? extractPostPage(postResponse.body.toString('utf8')) : null;
  return {
    type: 'found',
    embedPage: embed.post,
    postPage: post?.type === 'found' ? post.post : null,
    raw: { embed: embedResponse.body, post: postResponse?.body ?? null },
  };
}

export interface EvidenceObject {
  readonly key: string;
  readonly body: Buffer;
}

/** Where the raw pages of one capture are kept, beside the record they were derived from. */
export function toEvidence(id: string, raw: RawPages, now: Date): EvidenceObject[] {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return [
    { key: `evidence/${id}/${stamp}/embed.html`, body: raw.embed },
    ...(raw.post ? [{ key: `evidence/${id}/${stamp}/post.html`, body: raw.post }] : []),
  ];
}

/** Written together with the record that names them: only when a capture succeeded. */
export async function putEvidence(evidence: readonly EvidenceObject[], objects: ObjectStore): Promise<void> {
  await Promise.all(evidence.map(({ key, body }) => objects.put({ key, body, contentType: 'text/html; charset=utf-8' })));
}

export function unavailable(reason: 'post_gone' | 'login_wall'): PostUnavailableError {
  return reason === 'post_gone'
    ? new PostUnavailableError('post_gone', 'The post is deleted, private or does not exist, so there is nothing to archive.')
    : new PostUnavailableError('login_wall', 'Instagram shows this post only to logged-in users, so it cannot be archived.');
}
