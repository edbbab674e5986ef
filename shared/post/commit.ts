import type { Actor } from '../people/person.js';
import type { PostRecord } from './post.js';
import { diffContent, type FieldChange, toFirstVersionChanges, toVersion, type Version, type VersionSource } from './versions.js';

export interface Commit {
  readonly record: PostRecord;
  readonly version: Version | null;
}

/**
 * Numbers a transition: the item's revision always moves on; the content version only when
 * archived content changed, and then a Version says what changed (`changes`, when given, is what
 * a re-check saw change on Instagram rather than in the archived copy).
 */
export function toCommit(
  current: PostRecord | null,
  next: PostRecord,
  by: Actor,
  source: VersionSource,
  now: Date,
  changes?: readonly FieldChange[],
): Commit {
  if (current === null) {
    const record = { ...next, version: 1, revision: 1 };
    return { record, version: toVersion(record, by, source, toFirstVersionChanges(record), now) };
  }
  const found = changes ?? diffContent(current, next);
  const bumped = found.length > 0;
  const record = { ...next, revision: current.revision + 1, version: current.version + (bumped ? 1 : 0) };
  return { record, version: bumped ? toVersion(record, by, source, found, now) : null };
}
