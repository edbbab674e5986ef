import pLimit from 'p-limit';
import type { ProcessedImage } from '../adapters/image-processing.js';
import type { ObjectStore } from '../adapters/object-store.js';
import type { FetchOptions, UpstreamFetch } from '../adapters/upstream-fetch.js';
import type { UpstreamMedia } from '../instagram/upstream-post.js';
import type { StoredMedia } from '../post/post.js';

/** Image limits: Instagram's largest images are ~1-3 MB; 15 MB leaves room and refuses 20 MB. */
export const IMAGE_FETCH: FetchOptions = { expect: 'image', maxBytes: 15_000_000, timeoutMs: 12_000 };
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface MediaArchiveDeps {
  readonly fetch: UpstreamFetch;
  readonly processImage: (bytes: Buffer) => Promise<ProcessedImage>;
  readonly objects: ObjectStore;
}

/**
 * Downloads every item's image (the poster for videos), derives the variants and stores them
 * under content-addressed keys (`media/<sha256>/…`): a second capture of the same bytes writes
 * the same keys, so concurrent or repeated captures never disagree and need no locking.
 */
export async function archiveMedia(items: readonly UpstreamMedia[], deps: MediaArchiveDeps): Promise<StoredMedia[]> {
  const limit = pLimit(3);
  return Promise.all(
    items.map((item) =>
      limit(async () => {
        const response = await deps.fetch(item.imageUrl, IMAGE_FETCH);
        const image = await deps.processImage(response.body);
        return storeImage(item, image, deps.objects);
      }),
    ),
  );
}

async function storeImage(item: UpstreamMedia, image: ProcessedImage, objects: ObjectStore): Promise<StoredMedia> {
  const prefix = `media/${image.hash}`;
  const originalKey = `${prefix}/original.${image.original.extension}`;
  const variants = image.variants.map((v) => ({
    width: v.width,
    height: v.height,
    format: v.format,
    key: `${prefix}/${v.width}.${v.format === 'jpeg' ? 'jpg' : v.format}`,
    bytes: v.data.length,
    data: v.data,
  }));
  await Promise.all([
    objects.put({ key: originalKey, body: image.original.data, contentType: image.original.contentType, cacheControl: IMMUTABLE }),
    ...variants.map((v) => objects.put({ key: v.key, body: v.data, contentType: `image/${v.format}`, cacheControl: IMMUTABLE })),
  ]);
  return {
    type: item.type,
    width: image.width,
    height: image.height,
    alt: item.alt,
    hash: image.hash,
    original: { key: originalKey, contentType: image.original.contentType, bytes: image.original.data.length },
    variants: variants.map(({ data: _data, ...variant }) => variant),
    placeholder: image.placeholder,
  };
}

/** Every object key a record's media occupies, for purging on takedown. */
export function mediaKeys(media: readonly StoredMedia[]): string[] {
  return media.flatMap((item) => [item.original.key, ...item.variants.map((v) => v.key)]);
}
