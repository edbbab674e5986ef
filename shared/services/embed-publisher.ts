import pLimit from 'p-limit';
import type { ObjectStore } from '../adapters/object-store.js';
import { embedHeaders, embedObjectKey, listEmbedVariants, renderEmbedPage } from '../embed/index.js';
import type { PostRecord } from '../post/post.js';

/**
 * Static first (docs/design.md, shape of the system): every variant of a record's embed page is rendered when the record
 * changes and written to the bucket, where the CDN (or the local server) serves it as is. A
 * reader's request never runs a Lambda and keeps working while the API is down.
 */
export function createEmbedPublisher(objects: ObjectStore, baseUrl: string): (record: PostRecord) => Promise<void> {
  const cacheControl = embedHeaders()['Cache-Control'];
  return async (record) => {
    const limit = pLimit(8);
    await Promise.all(
      listEmbedVariants(record).map((variant) =>
        limit(() =>
          objects.put({
            key: embedObjectKey(record.id, variant),
            body: renderEmbedPage(record, { baseUrl, variant }),
            contentType: 'text/html; charset=utf-8',
            ...(cacheControl ? { cacheControl } : {}),
          }),
        ),
      ),
    );
  };
}
