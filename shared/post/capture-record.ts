import { pickPostTime } from '../instagram/shortcode.js';
import type { UpstreamPost } from '../instagram/upstream-post.js';
import type { PostUrl } from '../instagram/url.js';
import type { PostRecord, Provenance, SeenCopy, StoredMedia } from './post.js';
import type { FieldChange } from './versions.js';

export interface CaptureFindings {
  readonly ref: PostUrl;
  readonly embedPage: UpstreamPost;
  /** The post page is optional: without it the display name stays unknown. */
  readonly postPage: UpstreamPost | null;
  readonly media: readonly StoredMedia[];
  readonly evidence: readonly string[];
}

type Field = 'handle' | 'name' | 'caption' | 'takenAt';

/**
 * Field by field, the first source that has a value wins; each field records where it came from.
 * The time follows the one rule of shared/instagram/shortcode.ts (pickPostTime), as rescue does.
 */
export function toCapturedFields(findings: CaptureFindings, now: Date) {
  const provenance: Record<string, Provenance> = { url: 'url' };
  const pick = (field: Field, candidates: ReadonlyArray<readonly [string | null | undefined, Provenance]>): string | null => {
    for (const [value, source] of candidates) {
      if (value !== null && value !== undefined && value !== '') {
        provenance[field] = source;
        return value;
      }
    }
    return null;
  };
  const { embedPage, postPage, ref } = findings;
  const handle = pick('handle', [
    [embedPage.handle, 'embed-page'],
    [postPage?.handle, 'post-page'],
  ]);
  const name = pick('name', [
    [postPage?.name, 'post-page'],
    [embedPage.name, 'embed-page'],
  ]);
  const caption = pick('caption', [
    [embedPage.caption, 'embed-page'],
    [postPage?.caption, 'post-page'],
  ]);
  // Instagram's own `taken_at` where it is consistent with the shortcode, else the shortcode (pickPostTime).
  const time = pickPostTime(
    ref.shortcode,
    [
      { at: embedPage.takenAt, source: 'embed-page' as const, precision: 'second' as const },
      { at: postPage?.takenAt ?? null, source: 'post-page' as const, precision: 'second' as const },
    ],
    now,
  );
  const takenAt = time.takenAt;
  if (time.source) provenance.takenAt = time.source;
  if (findings.media.length > 0) provenance.media = 'embed-page';
  return { author: { handle, name }, caption, takenAt, provenance };
}

export function toNewRecord(id: string, findings: CaptureFindings, now: Date): PostRecord {
  const fields = toCapturedFields(findings, now);
  const at = now.toISOString();
  return {
    id,
    platform: 'instagram',
    shortcode: findings.ref.shortcode,
    kind: findings.ref.kind,
    author: fields.author,
    caption: fields.caption,
    takenAt: fields.takenAt,
    media: findings.media,
    status: 'live',
    capturedAt: at,
    updatedAt: at,
    checkedAt: at,
    removedAt: null,
    hidden: null,
    provenance: fields.provenance,
    evidence: findings.evidence,
    seen: toSeenCopy(fields, findings.media, now),
    editedUpstreamAt: null,
    purgedAt: null,
    version: 1,
    revision: 1,
  };
}

function toSeenCopy(fields: ReturnType<typeof toCapturedFields>, media: readonly StoredMedia[], now: Date): SeenCopy {
  return { at: now.toISOString(), caption: fields.caption, name: fields.author.name, media };
}

/** What a check found on Instagram, before any image is processed: the downloaded images' content hashes. */
export interface FreshCopy {
  readonly caption: string | null;
  readonly name: string | null;
  readonly mediaHashes: readonly string[];
}

/** Instagram's copy as the record last saw it; records from before `seen` existed were their own last sight. */
export function seenOf(record: PostRecord): SeenCopy | null {
  if (record.seen !== undefined) return record.seen;
  if (record.status === 'unknown' && record.media.length === 0) return null;
  return { at: record.checkedAt ?? record.capturedAt, caption: record.caption, name: record.author.name, media: record.media };
}

export function toFreshCopy(findings: Omit<CaptureFindings, 'media'>, mediaHashes: readonly string[], now: Date): FreshCopy {
  const fields = toCapturedFields({ ...findings, media: [] }, now);
  return { caption: fields.caption, name: fields.author.name, mediaHashes };
}

/**
 * What changed on Instagram since the last check: caption, display name, media (by content
 * hash). Empty means the check found the post as it was, and nothing needs to be written.
 * A value Instagram stopped serving (null) is not an edit: pages drop fields now and then.
 */
export function diffUpstream(seen: SeenCopy | null, fresh: FreshCopy): FieldChange[] {
  const before = seen ?? { caption: null, name: null, media: [] };
  const changes: FieldChange[] = [];
  if (fresh.caption !== null && fresh.caption !== before.caption)
    changes.push({ field: 'caption', before: before.caption, after: fresh.caption });
  if (fresh.name !== null && fresh.name !== before.name) changes.push({ field: 'author.name', before: before.name, after: fresh.name });
  const oldHashes = before.media.map((m) => m.hash);
  if (fresh.mediaHashes.length > 0 && fresh.mediaHashes.join(',') !== oldHashes.join(',')) {
    changes.push({ field: 'media', before: oldHashes, after: [...fresh.mediaHashes] });
  }
  return changes;
}

/**
 * A re-check that found the post edited on Instagram: readers keep seeing the archived copy (what
 * the article quoted), the edit is remembered in `seen` and marked on the card. Only fields the
 * archive never had are filled in (a post rescued from an article, seen on Instagram at last).
 */
export function toCheckedRecord(current: PostRecord, findings: CaptureFindings, now: Date): PostRecord {
  const fields = toCapturedFields(findings, now);
  const at = now.toISOString();
  const provenance: Record<string, Provenance> = { ...current.provenance };
  const fill = <T>(field: string, old: T | null, fresh: T | null): T | null => {
    if (old !== null || fresh === null) return old;
    const source = fields.provenance[field];
    if (source) provenance[field] = source;
    return fresh;
  };
  const neverHadMedia = current.media.length === 0 && findings.media.length > 0;
  if (neverHadMedia) provenance.media = 'embed-page';
  const firstSight = seenOf(current) === null;
  return {
    ...current,
    author: {
      handle: fill('handle', current.author.handle, fields.author.handle),
      name: fill('name', current.author.name, fields.author.name),
    },
    caption: fill('caption', current.caption, fields.caption),
    takenAt: fill('takenAt', current.takenAt, fields.takenAt),
    media: neverHadMedia ? findings.media : current.media,
    status: 'live',
    removedAt: null,
    checkedAt: at,
    updatedAt: at,
    provenance,
    evidence: [...current.evidence, ...findings.evidence].slice(-20),
    seen: toSeenCopy(fields, findings.media.length > 0 ? findings.media : (seenOf(current)?.media ?? []), now),
    editedUpstreamAt: firstSight ? (current.editedUpstreamAt ?? null) : (current.editedUpstreamAt ?? at),
  };
}

/**
 * An editor's refresh that found the post live: fresh values replace captured ones, but never what an
 * editor corrected, and never with nothing (a page that lost a field keeps the archived one).
 */
export function toRefreshedRecord(current: PostRecord, findings: CaptureFindings, now: Date): PostRecord {
  const fields = toCapturedFields(findings, now);
  const provenance: Record<string, Provenance> = { ...current.provenance };
  const keep = <T>(field: string, fresh: T | null, old: T | null): T | null => {
    if (current.provenance[field] === 'editor' || fresh === null) return old;
    const source = fields.provenance[field];
    if (source) provenance[field] = source;
    return fresh;
  };
  const editorMedia = current.provenance.media === 'editor';
  return {
    ...current,
    author: {
      handle: keep('handle', fields.author.handle, current.author.handle),
      name: keep('name', fields.author.name, current.author.name),
    },
    caption: keep('caption', fields.caption, current.caption),
    takenAt: keep('takenAt', fields.takenAt, current.takenAt),
    media: editorMedia || findings.media.length === 0 ? current.media : mergeAlt(current.media, findings.media),
    status: current.status === 'hidden' ? 'hidden' : 'live',
    removedAt: null,
    updatedAt: now.toISOString(),
    checkedAt: now.toISOString(),
    provenance,
    evidence: [...current.evidence, ...findings.evidence].slice(-20),
    seen: toSeenCopy(fields, findings.media.length > 0 ? findings.media : current.media, now),
    // An editor's refresh shows Instagram's copy as it is now: the card no longer says "edited".
    editedUpstreamAt: null,
  };
}

/** A refresh that found the original gone keeps everything it had. */
export function toRemovedRecord(current: PostRecord, now: Date): PostRecord {
  const at = now.toISOString();
  return {
    ...current,
    status: current.status === 'hidden' ? 'hidden' : 'removed',
    removedAt: current.removedAt ?? at,
    updatedAt: at,
    checkedAt: at,
  };
}

/** Alt text an editor wrote survives a refresh when the same image comes back. */
function mergeAlt(old: readonly StoredMedia[], fresh: readonly StoredMedia[]): StoredMedia[] {
  return fresh.map((item) => {
    const before = old.find((o) => o.hash === item.hash);
    return before?.alt && !item.alt ? { ...item, alt: before.alt } : item;
  });
}
