import type { Actor } from '../people/person.js';
import type { PostRecord, StoredMedia } from './post.js';

export type VersionSource = 'capture' | 'recheck' | 'editor' | 'rescue';

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** One version of a post's archived content (CONTRACT.md, Version). Version 1 is the first capture. */
export interface Version {
  readonly postId: string;
  readonly version: number;
  readonly at: string;
  readonly by: Actor;
  readonly source: VersionSource;
  readonly changes: readonly FieldChange[];
}

/** What a reader could see of one media item: its image (by content hash), its size and alt text. */
function mediaView(media: readonly StoredMedia[]) {
  return media.map((item) => ({ type: item.type, hash: item.hash, width: item.width, height: item.height, alt: item.alt }));
}

const FIELDS: ReadonlyArray<readonly [string, (record: PostRecord) => unknown]> = [
  ['url', (r) => (r.shortcode && r.kind ? `${r.kind}/${r.shortcode}` : null)],
  ['author.handle', (r) => r.author.handle],
  ['author.name', (r) => r.author.name],
  ['caption', (r) => r.caption],
  ['takenAt', (r) => r.takenAt],
  ['media', (r) => mediaView(r.media)],
];

/** Field-level differences of archived content; status, dates of checks and provenance are not content. */
export function diffContent(before: PostRecord, after: PostRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, read] of FIELDS) {
    const a = read(before);
    const b = read(after);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/** The first version: every field with a value, from nothing. */
export function toFirstVersionChanges(record: PostRecord): FieldChange[] {
  return FIELDS.map(([field, read]) => ({ field, before: null, after: read(record) })).filter(
    (change) => change.after !== null && !(Array.isArray(change.after) && change.after.length === 0),
  );
}

export function toVersion(record: PostRecord, by: Actor, source: VersionSource, changes: readonly FieldChange[], at: Date): Version {
  return { postId: record.id, version: record.version, at: at.toISOString(), by, source, changes };
}

/** Version as CONTRACT.md shows it. */
export function toVersionJson(version: Version) {
  return { version: version.version, at: version.at, by: version.by, source: version.source, changes: version.changes };
}
