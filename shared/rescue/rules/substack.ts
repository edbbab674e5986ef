import { parseInstagramUrl, toCanonicalUrl } from '../../instagram/url.js';
import type { Attribute } from '../document.js';
import { attr } from './rule.js';

/**
 * Substack keeps an Instagram embed as a childless `div` whose `data-attrs` JSON names the post by
 * its shortcode alone (`instagram_id`), beside the account (`author_name`, "@handle" or bare) and
 * the title Instagram's page gave it: the editor's `InstagramToDOM` component, in a post's web
 * version and in its feed (`class="instagram"` in older posts; web/substack-sanitizer-fr.ts).
 */
const SUBSTACK_COMPONENT = 'InstagramToDOM';
const SUBSTACK_CLASS = /(?:^|\s)instagram(?:-embed-wrap)?(?:\s|$)/;

/** A bare shortcode as the component states it; shorter ids are test values, not posts (as for Hugo's tag). */
const SHORTCODE = /^[A-Za-z0-9_-]{5,40}$/;
const HANDLE = /^@?([A-Za-z0-9._]{1,30})$/;

/** The titles Substack copies from Instagram's page, the display name in the first group. */
const TITLE_NAMES: readonly RegExp[] = [
  /^(.{1,80}?) on Instagram(?::|$)/,
  /^A (?:post|photo|video) shared by (.{1,80}?) \(@[A-Za-z0-9._]{1,30}\)$/,
];

/** Longest `data-attrs` read: the card's JSON with its image URLs is a few hundred characters. */
const MAX_ATTRS = 8000;

/** Whether the element may be Substack's component: a cheap test before its JSON is read. */
export function maySubstackPost(name: string | undefined, attrs: readonly Attribute[] | null | undefined): boolean {
  return name === 'div' && (attr(attrs, 'data-attrs')?.includes('instagram_id') ?? false);
}

/** The post, account and display name Substack's component names, else null. */
export function substackPost(
  attrs: readonly Attribute[] | null | undefined,
): { permalink: string; name: string | null; handle: string | null } | null {
  const marked = attr(attrs, 'data-component-name') === SUBSTACK_COMPONENT || SUBSTACK_CLASS.test(attr(attrs, 'class') ?? '');
  const json = attr(attrs, 'data-attrs') ?? '';
  if (!marked || json.length > MAX_ATTRS) return null;
  let card: unknown;
  try {
    card = JSON.parse(json);
  } catch {
    return null;
  }
  if (!card || typeof card !== 'object') return null;
  const { instagram_id: id, author_name: author, title } = card as Record<string, unknown>;
  if (typeof id !== 'string' || !SHORTCODE.test(id)) return null;
  const permalink = toCanonicalUrl('p', id);
  if (parseInstagramUrl(permalink).type !== 'post') return null;
  const handle = typeof author === 'string' ? (HANDLE.exec(author.trim())?.[1] ?? null) : null;
  let name: string | null = null;
  for (const form of TITLE_NAMES) {
    const m = typeof title === 'string' ? form.exec(title.trim()) : null;
    if (m?.[1]) {
      name = m[1].trim();
      break;
    }
  }
  return { permalink, name, handle };
}
