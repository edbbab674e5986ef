import pLimit from 'p-limit';
import { contentHash, type ProcessedImage, type ProcessedVariant } from '../adapters/image-processing.js';
import type { ObjectStore } from '../adapters/object-store.js';
import type { FetchOptions, UpstreamFetch } from '../adapters/upstream-fetch.js';
import type { UpstreamMedia } from '../instagram/upstream-post.js';
import type { ImageFormat, StoredMedia } from '../post/post.js';

/** Image limits: Instagram's largest images are ~1-3 MB; 15 MB leaves room and refuses 20 MB. */
export const IMAGE_FETCH: FetchOptions = { expect: 'image', maxBytes: 15_000_000, timeoutMs: 12_000 };
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface MediaArchiveDeps {
  readonly fetch: UpstreamFetch;
  readonly processImage: (
    bytes: Buffer,
    onVariant?: (variant: ProcessedVariant) => Promise<void>,
    onOriginal?: (original: ProcessedImage['original']) => void,
  ) => Promise<ProcessedImage>;
  readonly objects: ObjectStore;
}

/**
 * Downloads every item's image (the poster for videos), derives the variants and stores them
 * under content-addressed keys (`media/<sha256>/…`): a second capture of the same bytes writes
 * the same keys, so concurrent or repeated captures never disagree and need no locking. Each
 * object is uploaded as soon as it exists (the original once sharp has read its header),
 * overlapping storage with encoding.
 */
export async function archiveMedia(items: readonly UpstreamMedia[], deps: MediaArchiveDeps): Promise<StoredMedia[]> {
  const limit = pLimit(3);
  return Promise.all(
    items.map((item) =>
      limit(async () => {
        const response = await deps.fetch(item.imageUrl, IMAGE_FETCH);
        return storeImage(item, response.body, deps);
      }),
    ),
  );
}

async function storeImage(item: UpstreamMedia, bytes: Buffer, deps: MediaArchiveDeps): Promise<StoredMedia> {
  const prefix = `media/${contentHash(bytes)}`;
  const variantKey = (v: { width: number; format: ImageFormat }) => `${prefix}/${v.width}.${v.format === 'jpeg' ? 'jpg' : v.format}`;
  const uploads: Promise<void>[] = [];
  const put = (key: string, body: Buffer, contentType: string) => {
    uploads.push(deps.objects.put({ key, body, contentType, cacheControl: IMMUTABLE }));
  };
  let originalStarted = false;
  let image: ProcessedImage;
  try {
    image = await deps.processImage(
      bytes,
      async (v) => put(variantKey(v), v.data, `image/${v.format}`),
      // The original is the largest object: its upload starts before the first variant is encoded.
      (original) => {
        originalStarted = true;
        put(`${prefix}/original.${original.extension}`, bytes, original.contentType);
      },
    );
  } catch (error) {
    // Let started uploads finish (they are immutable, unreferenced objects) before failing.
    await Promise.allSettled(uploads);
    throw error;
  }
  const originalKey = `${prefix}/original.${image.original.extension}`;
  if (!originalStarted) put(originalKey, bytes, image.original.contentType);
  await Promise.all(uploads);
  return {
    type: item.type,
    width: image.width,
    height: image.height,
    alt: item.alt,
    hash: image.hash,
    original: { key: originalKey, contentType: image.original.contentType, bytes: bytes.length },
    variants: image.variants.map((v) => ({ width: v.width, height: v.height, format: v.format, key: variantKey(v), bytes: v.data.length })),
    placeholder: image.placeholder,
  };
}

/** Every object key a record's media occupies, for purging on takedown. */
export function mediaKeys(media: readonly StoredMedia[]): string[] {
  return media.flatMap((item) => [item.original.key, ...item.variants.map((v) => v.key)]);
}
