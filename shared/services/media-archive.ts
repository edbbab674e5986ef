import pLimit from 'p-limit';
import { contentHash, type ProcessedImage, type ProcessedVariant } from '../adapters/image-processing.js';
import type { ObjectStore, PutObjectInput } from '../adapters/object-store.js';
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

/** One downloaded image and the sha256 of its bytes, computed once here and used everywhere after. */
export interface DownloadedImage {
  readonly item: UpstreamMedia;
  readonly bytes: Buffer;
  readonly hash: string;
}

/** Downloads every item's image (the poster for videos) and hashes it: enough to tell whether it changed. */
export async function fetchMedia(items: readonly UpstreamMedia[], deps: Pick<MediaArchiveDeps, 'fetch'>): Promise<DownloadedImage[]> {
  const limit = pLimit(3);
  return Promise.all(
    items.map((item) =>
      limit(async () => {
        const response = await deps.fetch(item.imageUrl, IMAGE_FETCH);
        return { item, bytes: response.body, hash: contentHash(response.body) };
      }),
    ),
  );
}

/**
 * Stores downloaded images under content-addressed keys (`media/<sha256>/…`): a second capture
 * of the same bytes writes the same keys, so concurrent or repeated captures never disagree and
 * need no locking. Images already archived (`known`, by hash) are neither encoded nor uploaded
 * again. Each object is uploaded as soon as it exists, overlapping storage with encoding.
 */
export async function archiveMedia(
  downloads: readonly DownloadedImage[],
  deps: MediaArchiveDeps,
  known: readonly StoredMedia[] = [],
  onAccepted?: () => void,
): Promise<StoredMedia[]> {
  // `onAccepted` runs once every download is known to be an image that is kept (archived
  // before, or read as one): from then on the capture can only fail on storage or encoding.
  let pending = downloads.length;
  const accepted = (): void => {
    pending -= 1;
    if (pending === 0) onAccepted?.();
  };
  if (pending === 0) onAccepted?.();
  const limit = pLimit(3);
  return Promise.all(
    downloads.map((download) =>
      limit(async () => {
        const archived = known.find((media) => media.hash === download.hash);
        if (!archived) return putImage(download, deps, accepted);
        accepted();
        return { ...archived, type: download.item.type, alt: download.item.alt ?? archived.alt };
      }),
    ),
  );
}

async function putImage({ item, bytes, hash }: DownloadedImage, deps: MediaArchiveDeps, accepted: () => void): Promise<StoredMedia> {
  const prefix = `media/${hash}`;
  const variantKey = (v: { width: number; format: ImageFormat }) => `${prefix}/${v.width}.${v.format === 'jpeg' ? 'jpg' : v.format}`;
  // Each upload is settled the moment it starts: one that fails while others are still encoding
  // must not reject unobserved (Node ends the process on an unhandled rejection). The first
  // failure is rethrown once every started upload has finished.
  const uploads: Promise<PromiseSettledResult<void>>[] = [];
  const upload = (input: PutObjectInput): void => {
    uploads.push(deps.objects.put(input).then(settledOk, settledFailed));
  };
  let originalStarted = false;
  let image: ProcessedImage;
  try {
    image = await deps.processImage(
      bytes,
      async (v) => {
        upload({ key: variantKey(v), body: v.data, contentType: `image/${v.format}`, cacheControl: IMMUTABLE });
      },
      // The original is the largest object: its upload starts before the first variant is encoded.
      (original) => {
        originalStarted = true;
        upload({
          key: `${prefix}/original.${original.extension}`,
          body: bytes,
          contentType: original.contentType,
          cacheControl: IMMUTABLE,
          // The content address is the sha256 of these very bytes: no second hash for signing.
          sha256: hash,
        });
        accepted();
      },
    );
  } catch (error) {
    // Let started uploads finish (they are immutable, unreferenced objects) before failing.
    await Promise.all(uploads);
    throw error;
  }
  const originalKey = `${prefix}/original.${image.original.extension}`;
  if (!originalStarted) {
    upload({ key: originalKey, body: bytes, contentType: image.original.contentType, cacheControl: IMMUTABLE, sha256: hash });
    accepted();
  }
  const failed = (await Promise.all(uploads)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return {
    type: item.type,
    width: image.width,
    height: image.height,
    alt: item.alt,
    hash,
    original: { key: originalKey, contentType: image.original.contentType, bytes: bytes.length },
    variants: image.variants.map((v) => ({ width: v.width, height: v.height, format: v.format, key: variantKey(v), bytes: v.data.length })),
    placeholder: image.placeholder,
  };
}

const settledOk = (): PromiseSettledResult<void> => ({ status: 'fulfilled', value: undefined });
const settledFailed = (reason: unknown): PromiseSettledResult<void> => ({ status: 'rejected', reason });

/** Every object key a record's media occupies, for purging on takedown. */
export function mediaKeys(media: readonly StoredMedia[]): string[] {
  return media.flatMap((item) => [item.original.key, ...item.variants.map((v) => v.key)]);
}
