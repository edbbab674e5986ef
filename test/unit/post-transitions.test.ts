import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/errors.js';
import { hasRole, parsePersonalKey, ROLES, toPersonalKey, toPersonJson } from '../../shared/people/person.js';
import { diffUpstream, seenOf, toCheckedRecord } from '../../shared/post/capture-record.js';
import { toCommit } from '../../shared/post/commit.js';
import { toHiddenRecord, toPurgedRecord, toUnhiddenRecord, toUrlAttachedRecord } from '../../shared/post/transitions.js';
import { diffContent } from '../../shared/post/versions.js';
import { postRecord, storedImage } from '../support/records.js';

const now = new Date('2026-12-01T12:00:00.000Z');
const editor = { id: 'pe_aaaaaaaaaaaaaaaa', name: 'Eda' };

describe('roles', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'editor', false],
    ['editor', 'viewer', true],
    ['editor', 'admin', false],
    ['admin', 'editor', true],
    ['admin', 'admin', true],
  ] as const)('%s meets %s: %s', (role, minimum, expected) => {
    expect(hasRole(role, minimum)).toBe(expected);
  });

  it('names the three roles in rising order', () => {
    expect(ROLES).toEqual(['viewer', 'editor', 'admin']);
  });
});

describe('personal keys', () => {
  it('reads the key id back out of a key, and nothing out of anything else', () => {
    const key = toPersonalKey('abcdefghij012345', 'x'.repeat(43));
    expect(parsePersonalKey(key)).toEqual({ keyId: 'abcdefghij012345' });
    for (const other of ['pk_someAdminKey', `${key}x`, key.replace('.', '_'), `pkp_ABCDEFGHIJ012345.${'x'.repeat(43)}`]) {
      expect(parsePersonalKey(other)).toBeNull();
    }
  });

  it('a Person never carries a hash, and lists only live keys of that person', () => {
    const person = { id: 'pe_1', name: 'A', role: 'viewer' as const, createdAt: now.toISOString(), removedAt: null, revision: 1 };
    const key = (keyId: string, revokedAt: string | null, personId = 'pe_1') => ({
      keyId,
      personId,
      hash: 'f'.repeat(64),
      createdAt: now.toISOString(),
      lastUsedAt: null,
      revokedAt,
      revision: 1,
    });
    const json = toPersonJson(person, [key('k1', null), key('k2', now.toISOString()), key('k3', null, 'pe_2')]);
    expect(json.keys).toEqual([{ keyId: 'k1', createdAt: now.toISOString(), lastUsedAt: null }]);
    expect(JSON.stringify(json)).not.toContain('f'.repeat(64));
  });
});

describe('takedown transitions', () => {
  const live = postRecord({ status: 'removed', removedAt: now.toISOString() });

  it('hide keeps every byte and remembers the status to restore; unhide restores it', () => {
    const hidden = toHiddenRecord(live, { reason: 'notice', notice: { from: 'counsel' }, by: editor }, now);
    expect(hidden).toMatchObject({
      status: 'hidden',
      media: live.media,
      caption: live.caption,
      hidden: { statusBefore: 'removed', by: editor },
    });
    expect(toUnhiddenRecord(hidden, now)).toMatchObject({ status: 'removed', hidden: null, caption: live.caption });
    expect(() => toHiddenRecord(hidden, { reason: 'again', notice: null, by: editor }, now)).toThrow(ConflictError);
  });

  it('purge only a hidden post; it forgets content, and a purged post cannot be restored', () => {
    expect(() => toPurgedRecord(live, now)).toThrow(ConflictError);
    const hidden = toHiddenRecord(live, { reason: 'notice', notice: null, by: editor }, now);
    const purged = toPurgedRecord(hidden, now);
    expect(purged).toMatchObject({ caption: null, media: [], evidence: [], seen: null, purgedAt: now.toISOString(), status: 'hidden' });
    expect(purged.author).toEqual(live.author);
    expect(() => toUnhiddenRecord(purged, now)).toThrow(ConflictError);
  });

  it('attaching a URL to a post that has another is a conflict', () => {
    const ref = {
      type: 'post',
      shortcode: 'CZZZZZZZZZZ',
      kind: 'p',
      canonicalUrl: 'https://www.instagram.com/p/CZZZZZZZZZZ/',
      slide: null,
    } as const;
    expect(() => toUrlAttachedRecord(live, ref, now)).toThrow(ConflictError);
    const attached = toUrlAttachedRecord(postRecord({ shortcode: null, kind: null }), ref, now);
    expect(attached).toMatchObject({ shortcode: 'CZZZZZZZZZZ', kind: 'p', provenance: { url: 'editor' } });
  });
});

describe('versions', () => {
  it('a commit bumps the revision always and the version only for content', () => {
    const current = postRecord({ version: 3, revision: 7 });
    expect(toCommit(current, { ...current, status: 'removed' }, editor, 'recheck', now)).toMatchObject({
      record: { version: 3, revision: 8 },
      version: null,
    });
    const { record, version } = toCommit(current, { ...current, caption: 'new' }, editor, 'editor', now);
    expect(record).toMatchObject({ version: 4, revision: 8 });
    expect(version).toMatchObject({
      version: 4,
      by: editor,
      source: 'editor',
      changes: [{ field: 'caption', before: current.caption, after: 'new' }],
    });
  });

  it('the first version lists what was captured', () => {
    const { record, version } = toCommit(null, postRecord({ version: 0, revision: 0 }), editor, 'capture', now);
    expect(record).toMatchObject({ version: 1, revision: 1 });
    expect(version?.changes.map((c) => c.field)).toEqual(['url', 'author.handle', 'author.name', 'caption', 'takenAt', 'media']);
  });

  it('media changes are told by content hash and alt text, not by keys', () => {
    const current = postRecord();
    expect(diffContent(current, { ...current, media: [storedImage(1)] })).toEqual([]);
    expect(diffContent(current, { ...current, media: [storedImage(2)] }).map((c) => c.field)).toEqual(['media']);
  });
});

describe('what a re-check compares', () => {
  const current = postRecord();
  const seen = seenOf(current);

  it('nothing changed, or a field Instagram stopped serving, is no edit', () => {
    const hashes = current.media.map((m) => m.hash);
    expect(diffUpstream(seen, { caption: current.caption, name: current.author.name, mediaHashes: hashes })).toEqual([]);
    expect(diffUpstream(seen, { caption: null, name: null, mediaHashes: [] })).toEqual([]);
  });

  it('caption, display name and images (by hash) are edits, each with before and after', () => {
    const changes = diffUpstream(seen, { caption: 'edited', name: 'New Name', mediaHashes: ['abc'] });
    expect(changes).toEqual([
      { field: 'caption', before: current.caption, after: 'edited' },
      { field: 'author.name', before: current.author.name, after: 'New Name' },
      { field: 'media', before: current.media.map((m) => m.hash), after: ['abc'] },
    ]);
  });

  it('the checked record keeps the archived copy and marks when Instagram was first seen edited', () => {
    const ref = {
      type: 'post',
      shortcode: current.shortcode!,
      kind: 'p',
      canonicalUrl: 'https://www.instagram.com/p/B8kFzL2hXYZ/',
      slide: null,
    } as const;
    const embedPage = { handle: 'connorwjessup', name: null, caption: 'edited', takenAt: null, media: [] };
    const checked = toCheckedRecord(current, { ref, embedPage, postPage: null, media: current.media, evidence: [] }, now);
    expect(checked.caption).toBe(current.caption);
    expect(checked.seen?.caption).toBe('edited');
    expect(checked.editedUpstreamAt).toBe(now.toISOString());
    const later = toCheckedRecord(
      checked,
      { ref, embedPage, postPage: null, media: current.media, evidence: [] },
      new Date('2026-12-02T00:00:00Z'),
    );
    expect(later.editedUpstreamAt).toBe(now.toISOString());
  });
});
