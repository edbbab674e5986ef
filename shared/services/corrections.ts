import { ConflictError, UpstreamError } from '../errors.js';
import type { PostUrl } from '../instagram/url.js';
import type { Actor } from '../people/person.js';
import { type Correction, toCorrectedRecord } from '../post/correction.js';
import type { PostRecord } from '../post/post.js';
import { assertWritable, toUrlAttachedRecord } from '../post/transitions.js';
import { checkPost, type PipelineDeps } from './capture-pipeline.js';
import { commitPost, getPost } from './post-writer.js';

/** An editor's correction: a new version with the corrected fields, provenance `editor`. */
export async function correctPost(deps: PipelineDeps, id: string, actor: Actor, correction: Correction): Promise<PostRecord> {
  const current = await getPost(deps, id);
  assertWritable(current, 'a correction');
  const next = toCorrectedRecord(current, correction, deps.now());
  return commitPost(deps, current, next, {
    actor,
    action: 'post.correct',
    summary: `Corrected ${Object.keys(correction).join(', ')}.`,
    source: 'editor',
  });
}

/**
 * Attaches an Instagram URL to a post that has none (one rescued from leftover text), then
 * merges what a capture finds. A post that already has a different URL keeps it: that would be
 * another post.
 */
export async function attachUrl(deps: PipelineDeps, id: string, actor: Actor, ref: PostUrl, correction: Correction): Promise<PostRecord> {
  let current = await getPost(deps, id);
  assertWritable(current, 'a correction');
  const owner = (await deps.posts.getByShortcode(ref.shortcode)).record;
  if (owner && owner.id !== id) throw new ConflictError(`That URL is already archived as post ${owner.id}.`, owner);
  const attached = toUrlAttachedRecord(current, ref, deps.now());
  if (attached !== current) {
    // The alias first: if it loses a race, the record has not been touched.
    await deps.posts.putAlias(ref.shortcode, id);
    current = await commitPost(deps, current, attached, {
      actor,
      action: 'post.correct',
      summary: `Attached ${ref.canonicalUrl}.`,
      source: 'editor',
    });
  }
  if (Object.keys(correction).length > 0) current = await correctPost(deps, id, actor, correction);
  try {
    return (await checkPost(deps, current, actor, 'refresh')).record;
  } catch (error) {
    // The URL is attached either way; a failed capture leaves the record as the editor made it.
    if (error instanceof UpstreamError) return current;
    throw error;
  }
}
