import { createHash } from 'node:crypto';

/**
 * A stable key for a leftover that lost its URL: the same leftover text gives the same key in any
 * article, so a rescue can recognise a post it has met before. Normalised (NFC, white space
 * collapsed, handle lower-cased) so that re-serialisation by a CMS does not change it.
 */
export function toContentKey(parts: {
  handle: string | null;
  name: string | null;
  caption: string | null;
  dateText: string | null;
}): string {
  const norm = (value: string | null) => (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  const material = [norm(parts.handle).toLowerCase(), norm(parts.name), norm(parts.caption), norm(parts.dateText)].join('\u0000');
  return createHash('sha256').update(material, 'utf8').digest('hex');
}
