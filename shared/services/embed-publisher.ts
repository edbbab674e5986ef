import pLimit from 'p-limit';
import type { ObjectStore } from '../adapters/object-store.js';
import { EMBED_PAGE_HEADERS, embedObjectKey, listEmbedVariants, NO_OEMBED_METADATA, renderEmbedPage } from '../embed/index.js';
import type { PostRecord } from '../post/post.js';

/**
 * Static first (docs/design.md, shape of the system): every variant of a record's embed page is rendered when the record
 * changes and written to the bucket, where the CDN (or the local server) serves it as is. A
 * reader's request never runs a Lambda and keeps working while the API is down.
 */
export function createEmbedPublisher(objects: ObjectStore, baseUrl: string): (record: PostRecord) => Promise<void> {
  return async (record) => {
    const limit = pLimit(8);
    // A tombstone's pages say so in their metadata: the CDN and the local reader then send no
    // oEmbed Link header for them.
    const metadata = record.status === 'hidden' ? { [NO_OEMBED_METADATA.key]: NO_OEMBED_METADATA.value } : undefined;
    await Promise.all(
      listEmbedVariants(record).map((variant) =>
        limit(() =>
          objects.put({
            key: embedObjectKey(record.id, variant),
            body: renderEmbedPage(record, { baseUrl, variant }),
            contentType: EMBED_PAGE_HEADERS['Content-Type'],
            cacheControl: EMBED_PAGE_HEADERS['Cache-Control'],
            ...(metadata ? { metadata } : {}),
          }),
        ),
      ),
    );
  };
}
