import { createHash } from 'node:crypto';
import type { ImageFormat, PostRecord, StoredMedia } from '../../shared/post/post.js';

export const PLACEHOLDER = 'data:image/webp;base64,UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA';

/** A stored 1080-wide image as capture writes it: original, AVIF at 640/1080, JPEG at 320/640/1080. */
export function storedImage(n: number, ratio = 1.25, over: Partial<StoredMedia> = {}): StoredMedia {
  const avif = imageWith(n, ratio, [640, 1080], ['avif'], over);
  const jpeg = imageWith(n, ratio, [320, 640, 1080], ['jpeg'], over);
  return { ...avif, variants: over.variants ?? [...avif.variants, ...jpeg.variants] };
}

/** A stored image as version 0.1 wrote it (320/640/1080 in AVIF, WebP and JPEG): such records stay in tables. */
export function storedImageV01(n: number, ratio = 1.25, over: Partial<StoredMedia> = {}): StoredMedia {
  return imageWith(n, ratio, [320, 640, 1080], ['avif', 'webp', 'jpeg'], over);
}

function imageWith(
  n: number,
  ratio: number,
  widths: readonly number[],
  formats: readonly ImageFormat[],
  over: Partial<StoredMedia>,
): StoredMedia {
  const hash = createHash('sha256').update(`photo ${n}`).digest('hex');
  return {
    type: 'image',
    width: 1080,
    height: Math.round(1080 * ratio),
    alt: null,
    hash,
    original: { key: `media/${hash}/original.jpg`, contentType: 'image/jpeg', bytes: 412_000 },
    variants: widths.flatMap((w) =>
      formats.map((format) => ({
        width: w,
        height: Math.round(w * ratio),
        format,
        key: `media/${hash}/${w}.${format === 'jpeg' ? 'jpg' : format}`,
        bytes: w * 40,
      })),
    ),
    placeholder: PLACEHOLDER,
    ...over,
  };
}

/** A captured photo post as the table holds it; tests override what they are about. */
export function postRecord(over: Partial<PostRecord> = {}): PostRecord {
  return {
    id: 'ig_B8kFzL2hXYZ',
    platform: 'instagram',
    shortcode: 'B8kFzL2hXYZ',
    kind: 'p',
    author: { handle: 'connorwjessup', name: 'Connor Jessup' },
    caption: 'Behind the scenes 🎬\nThank you @lockekeyshow team! #lockeandkey',
    takenAt: '2020-02-16T00:21:00.000Z',
    media: [storedImage(1)],
    status: 'live',
    capturedAt: '2026-11-20T09:30:00.000Z',
    updatedAt: '2026-11-20T09:30:00.000Z',
    removedAt: null,
    hidden: null,
    provenance: { caption: 'embed-page', name: 'post-page', takenAt: 'shortcode' },
    evidence: [],
    version: 1,
    revision: 1,
    ...over,
  };
}
