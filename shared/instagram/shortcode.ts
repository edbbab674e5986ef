/**
 * Shortcodes are Instagram media ids written in base 64 with the URL-safe alphabet, and the top
 * bits of a media id are milliseconds since Instagram's epoch. Pure arithmetic, no network.
 * Verified against every `<time datetime>` of test/fixtures/instagram/embeds (2026-11).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INSTAGRAM_EPOCH_MS = 1314220021721n;
/** Instagram's first public day; anything earlier is not a real post time. */
const EARLIEST_MS = Date.UTC(2010, 9, 1);
/** Private-share shortcodes append a suffix to the 11-character id part. */
const ID_PART_LENGTH = 11;

export const SHORTCODE_PATTERN = /^[A-Za-z0-9_-]{5,64}$/;

export function isShortcode(value: string): boolean {
  return SHORTCODE_PATTERN.test(value);
}

export function shortcodeToMediaId(shortcode: string): bigint | null {
  if (!isShortcode(shortcode)) return null;
  const idPart = shortcode.length > ID_PART_LENGTH + 1 ? shortcode.slice(0, ID_PART_LENGTH) : shortcode;
  let id = 0n;
  for (const char of idPart) id = id * 64n + BigInt(ALPHABET.indexOf(char));
  return id;
}

export function mediaIdToShortcode(mediaId: bigint | string): string | null {
  let id: bigint;
  try {
    id = typeof mediaId === 'bigint' ? mediaId : BigInt(mediaId.split('_')[0] ?? '');
  } catch {
    // Not a decimal media id: there is no shortcode for it.
    return null;
  }
  if (id <= 0n) return null;
  let code = '';
  while (id > 0n) {
    code = ALPHABET[Number(id % 64n)] + code;
    id /= 64n;
  }
  return code;
}

/**
 * The creation time encoded in a shortcode, or null when the result is not a plausible post
 * time (before Instagram existed, or later than `now`).
 */
export function parseShortcodeTime(shortcode: string, now: Date): Date | null {
  const id = shortcodeToMediaId(shortcode);
  if (id === null) return null;
  const sinceEpoch = id >> 23n;
  // Ids issued before the 2011 scheme were sequential: they decode to the epoch itself.
  if (sinceEpoch < 1000n) return null;
  // Post times are whole seconds; the low bits of the millisecond part are noise.
  const ms = Math.floor(Number(sinceEpoch + INSTAGRAM_EPOCH_MS) / 1000) * 1000;
  if (!Number.isFinite(ms) || ms < EARLIEST_MS || ms > now.getTime() + 60_000) return null;
  return new Date(ms);
}
