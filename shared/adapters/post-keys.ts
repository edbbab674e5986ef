import type { PostRecord } from '../post/post.js';
import { postIdForShortcode } from '../post/post-id.js';

/**
 * The table's layout, shared by the write path (PostTable) and the oEmbed function's reader:
 * `post#<id>`/`post` holds a record, `alias#<shortcode>`/`alias` names the record that holds a
 * shortcode when it is not the one derived from it; `gsi1` lists records newest first.
 */
export const LIST_PARTITION = 'post';

export interface PostItem extends PostRecord {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
}

export function postKey(id: string): { pk: string; sk: string } {
  return { pk: `post#${id}`, sk: 'post' };
}

export function aliasKey(shortcode: string): { pk: string; sk: string } {
  return { pk: `alias#${shortcode}`, sk: 'alias' };
}

export function toItem(record: PostRecord): PostItem {
  return {
    ...record,
    ...postKey(record.id),
    gsi1pk: LIST_PARTITION,
    gsi1sk: `${record.capturedAt}#${record.id}`,
  };
}

export function fromItem(item: PostItem): PostRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...record } = item;
  return record;
}

/** The reads both paths need to find a record by id or by shortcode. */
export interface PostLookup {
  get(id: string): Promise<PostRecord | null>;
  getAlias(shortcode: string): Promise<string | null>;
}

/**
 * The record that holds a shortcode, and its id: the id derived from the shortcode, unless an
 * editor attached the URL to another record (an alias). One read when the post is archived
 * under its own id, which is nearly always; the alias is read only when that misses.
 */
export async function findByShortcode(lookup: PostLookup, shortcode: string): Promise<{ id: string; record: PostRecord | null }> {
  const derived = postIdForShortcode(shortcode);
  const record = await lookup.get(derived);
  if (record) return { id: derived, record };
  const alias = await lookup.getAlias(shortcode);
  return alias ? { id: alias, record: await lookup.get(alias) } : { id: derived, record: null };
}
