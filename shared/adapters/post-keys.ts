import type { PostRecord } from '../post/post.js';
import { postIdForShortcode } from '../post/post-id.js';

/**
 * The table's layout, shared by the write path (PostTable) and the oEmbed function's reader.
 * Single-table layout built on single-item conditional writes only (dynalite has no
 * transactions, docs/adr/0008-people-events-versions-data-model.md): `post#<id>`/`post` holds a
 * record, `post#<id>`/`version#NNNNNN` its versions, `alias#<shortcode>`/`alias` names the
 * record that holds a shortcode when it is not the one derived from it; `gsi1` lists records
 * newest first; the sparse `gsi3` partition `recheck` orders re-checkable posts by their last
 * check; a record item may carry a `journal` (and sit in `gsi4`) until its events are written out.
 */
export const LIST_PARTITION = 'post';
export const RECHECK_PARTITION = 'recheck';

export interface PostItem extends PostRecord {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
  readonly gsi3pk?: string;
  readonly gsi3sk?: string;
}

export function postKey(id: string): string {
  return `post#${id}`;
}

export function aliasKey(shortcode: string): string {
  return `alias#${shortcode}`;
}

/** Posts Instagram can be asked about again: with a URL, not taken down. */
export function dueForRecheck(record: PostRecord): boolean {
  return record.shortcode !== null && record.status !== 'hidden';
}

export function toItem(record: PostRecord): PostItem {
  return {
    ...record,
    pk: postKey(record.id),
    sk: 'post',
    gsi1pk: LIST_PARTITION,
    gsi1sk: `${record.capturedAt}#${record.id}`,
    ...(dueForRecheck(record) ? { gsi3pk: RECHECK_PARTITION, gsi3sk: `${record.checkedAt ?? record.capturedAt}#${record.id}` } : {}),
  };
}

/** The record an item holds: keys, index attributes and an unfinished journal left out. */
export function fromItem(item: PostItem): PostRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, gsi3pk: _rp, gsi3sk: _rs, ...rest } = item;
  const { journal: _j, gsi4pk: _pp, gsi4sk: _ps, ...record } = rest as PostRecord & Record<string, unknown>;
  // Records written by 0.1 had one counter, `version`, for both purposes.
  return { ...(record as PostRecord), revision: (record as PostRecord).revision ?? record.version };
}

/** The reads both paths need to find a record by id or by shortcode. */
export interface PostLookup {
  get(id: string): Promise<PostRecord | null>;
  getAlias(shortcode: string): Promise<string | null>;
}

/**
 * The record that holds a shortcode, and its id: the id derived from the shortcode, unless an
 * editor attached the URL to another record (an alias). One read when the post is archived
 * under its own id, which is nearly always; the alias is read only when that misses. A caller
 * that expects a miss (a capture: the post is usually new) asks for both reads at once, one
 * round trip instead of two, at the cost of one read more when the post is archived after all.
 */
export async function getByShortcode(
  lookup: PostLookup,
  shortcode: string,
  options: { readonly expectNew?: boolean } = {},
): Promise<{ id: string; record: PostRecord | null }> {
  const derived = postIdForShortcode(shortcode);
  const [record, eagerAlias] = options.expectNew
    ? await Promise.all([lookup.get(derived), lookup.getAlias(shortcode)])
    : [await lookup.get(derived), undefined];
  if (record) return { id: derived, record };
  const alias = eagerAlias === undefined ? await lookup.getAlias(shortcode) : eagerAlias;
  return alias ? { id: alias, record: await lookup.get(alias) } : { id: derived, record: null };
}
