/**
 * Per field, an ordered list of small rules; the first non-empty value wins and a rule that throws
 * counts as "no value" (docs/design.md, code shape; after metascraper).
 */
export function firstValue<T>(rules: ReadonlyArray<() => T | null | undefined>): T | null {
  for (const rule of rules) {
    try {
      const value = rule();
      if (value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '')) return value;
    } catch {
      // A broken rule is "no value": the next rule gets its chance.
    }
  }
  return null;
}
