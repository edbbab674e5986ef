import { pickPostTime } from '../instagram/shortcode.js';
import type { UpstreamPost } from '../instagram/upstream-post.js';
import type { PostUrl } from '../instagram/url.js';
import type { PostRecord, Provenance, StoredMedia } from './post.js';

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
    version: 1,
  };
}

/**
 * A refresh that found the post live: fresh values replace captured ones, but never what an
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
    version: current.version + 1,
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
    version: current.version + 1,
  };
}

/** Alt text an editor wrote survives a refresh when the same image comes back. */
function mergeAlt(old: readonly StoredMedia[], fresh: readonly StoredMedia[]): StoredMedia[] {
  return fresh.map((item) => {
    const before = old.find((o) => o.hash === item.hash);
    return before?.alt && !item.alt ? { ...item, alt: before.alt } : item;
  });
}
