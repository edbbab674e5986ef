import { createHash } from 'node:crypto';
import type { StoredMedia } from '../../shared/post/post.js';

export const PLACEHOLDER = 'data:image/webp;base64,UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA';

/** A stored 1080-wide image as capture writes it: original plus 320/640/1080 in three formats. */
export function storedImage(n: number, ratio = 1.25, over: Partial<StoredMedia> = {}): StoredMedia {
  const hash = createHash('sha256').update(`photo ${n}`).digest('hex');
  return {
    type: 'image',
    width: 1080,
    height: Math.round(1080 * ratio),
    alt: null,
    hash,
    original: { key: `media/${hash}/original.jpg`, contentType: 'image/jpeg', bytes: 412_000 },
    variants: [320, 640, 1080].flatMap((w) =>
      (['avif', 'webp', 'jpeg'] as const).map((format) => ({
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
