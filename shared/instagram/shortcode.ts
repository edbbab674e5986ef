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

export const SHORTCODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

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

/** A time the page or article states, with how precise its source is. */
export interface StatedTime<S extends string> {
  /** ISO 8601. */
  readonly at: string | null;
  readonly source: S;
  /** `second`: a `datetime` or `taken_at`; `minute`: a visible date with a clock time; `day`: a date alone. */
  readonly precision: 'second' | 'minute' | 'day';
}

export interface PickedTime<S extends string> {
  readonly takenAt: string | null;
  readonly source: S | 'shortcode' | null;
  /** A stated time was impossible (earlier than the upload) and was passed over. */
  readonly conflict: boolean;
}

const UNIT_MS = { second: 1000, minute: 60_000, day: 86_400_000 } as const;

/**
 * The one rule for a post's time (capture and rescue): Instagram's own stated time where it is
 * consistent, else the shortcode's. The shortcode gives the upload time, a lower bound that can be
 * minutes earlier than publishing (corpus: equal to `datetime` to the second, or 2–11 minutes
 * before it, 2026-11). So a stated time wins unless it ends before the upload, which is impossible
 * (hand-edited markup): then the shortcode wins and `conflict` says so. A stated minute or day that
 * holds the upload time adds nothing: the shortcode's exact second is kept.
 */
export function pickPostTime<S extends string>(shortcode: string | null, stated: ReadonlyArray<StatedTime<S>>, now: Date): PickedTime<S> {
  const upload = shortcode ? parseShortcodeTime(shortcode, now) : null;
  const uploadMs = upload?.getTime() ?? null;
  let conflict = false;
  for (const candidate of stated) {
    const ms = candidate.at ? Date.parse(candidate.at) : Number.NaN;
    if (!Number.isFinite(ms) || ms > now.getTime() + 86_400_000) continue;
    const unit = UNIT_MS[candidate.precision];
    if (uploadMs === null) return { takenAt: new Date(ms).toISOString(), source: candidate.source, conflict };
    if (ms + unit <= uploadMs) {
      conflict = true;
      continue;
    }
    // A stated minute or day that holds the upload second adds nothing to the shortcode's exact second.
    if (candidate.precision !== 'second' && (ms <= uploadMs || candidate.precision === 'day')) break;
    return { takenAt: new Date(ms).toISOString(), source: candidate.source, conflict };
  }
  if (upload) return { takenAt: upload.toISOString(), source: 'shortcode', conflict };
  return { takenAt: null, source: null, conflict };
}
