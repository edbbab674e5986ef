import type { FoundEmbed } from '../rescue/index.js';
import type { PostRecord, PostStatus, Provenance } from './post.js';

/**
 * A record made from what an article carried, for a post that cannot be captured from Instagram
 * (gone, private, or no URL at all). Every field it has is marked `article` (the time `shortcode`
 * when it came from the shortcode); there is no media, so the embed is a text-only card.
 */
export function toArticleRecord(id: string, found: FoundEmbed, status: PostStatus, now: Date): PostRecord {
  const at = now.toISOString();
  const provenance: Record<string, Provenance> = {};
  if (found.shortcode) provenance.url = 'article';
  if (found.author.handle) provenance.handle = 'article';
  if (found.author.name) provenance.name = 'article';
  if (found.caption) provenance.caption = 'article';
  if (found.takenAt) provenance.takenAt = found.takenAtSource ?? 'article';
  return {
    id,
    platform: 'instagram',
    shortcode: found.shortcode,
    kind: found.kind,
    author: { handle: found.author.handle, name: found.author.name },
    caption: found.caption,
    takenAt: toIso(found.takenAt),
    media: [],
    status,
    capturedAt: at,
    updatedAt: at,
    // An article-only record was never seen on Instagram, or just found gone there.
    ...(status === 'removed' ? { checkedAt: at } : {}),
    removedAt: status === 'removed' ? at : null,
    hidden: null,
    provenance,
    evidence: [],
    seen: null,
    editedUpstreamAt: null,
    purgedAt: null,
    version: 1,
    revision: 1,
  };
}

/**
 * Field by field by provenance: what Instagram served beats what an article quoted, but a field
 * the capture could not find (the display name when the post page failed, say) is filled from
 * the article. Returns null when the article adds nothing.
 */
export function withArticleFields(record: PostRecord, found: FoundEmbed, now: Date): PostRecord | null {
  const provenance: Record<string, Provenance> = { ...record.provenance };
  const fill = (field: 'handle' | 'name' | 'caption' | 'takenAt', current: string | null, fromArticle: string | null) => {
    if (current !== null || fromArticle === null) return current;
    provenance[field] = field === 'takenAt' ? (found.takenAtSource ?? 'article') : 'article';
    return fromArticle;
  };
  const next = {
    author: {
      handle: fill('handle', record.author.handle, found.author.handle),
      name: fill('name', record.author.name, found.author.name),
    },
    caption: fill('caption', record.caption, found.caption),
    takenAt: fill('takenAt', record.takenAt, toIso(found.takenAt)),
  };
  const changed =
    next.author.handle !== record.author.handle ||
    next.author.name !== record.author.name ||
    next.caption !== record.caption ||
    next.takenAt !== record.takenAt;
  if (!changed || record.status === 'hidden') return null;
  return { ...record, ...next, provenance, updatedAt: now.toISOString() };
}

/** Times are stored in one form (`toISOString`), whatever form the article's parser gave. */
function toIso(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
