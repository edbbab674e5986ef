import { createHash } from 'node:crypto';

/**
 * Ids are opaque, lowercase and URL-safe (the CDN rewrite relies on `^[a-z0-9]{8,40}$`) and
 * derived from what identifies the post, so the same Instagram post always gets the same id and
 * concurrent captures collide on one record instead of making two.
 */
export function postIdForShortcode(shortcode: string): string {
  return digest(`instagram:post:${shortcode}`);
}

/** Leftover text with no URL: the same leftover always maps to the same post. */
export function postIdForContent(contentKey: string): string {
  return digest(`instagram:text:${contentKey}`);
}

export const POST_ID_PATTERN = /^[a-f0-9]{20}$/;

function digest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 20);
}
