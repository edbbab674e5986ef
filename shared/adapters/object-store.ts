import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  NoSuchKey,
  NotFound,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { PutObjectInput, S3Writer } from './s3-writer.js';
import { toStorageError } from './storage-errors.js';

export type { PutObjectInput } from './s3-writer.js';

export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string | null;
  readonly cacheControl: string | null;
  /** User metadata (S3 `x-amz-meta-*`), keys lower-case. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** The bucket: media under content-addressed keys, rendered embeds, and raw upstream evidence. */
export class ObjectStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly writer: Pick<S3Writer, 'put'>,
  ) {}

  /** Writes one object: through the signed writer, the path every capture's objects take (s3-writer.ts). */
  put(input: PutObjectInput): Promise<void> {
    return this.writer.put(input);
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = await out.Body?.transformToByteArray();
      return {
        body: Buffer.from(bytes ?? new Uint8Array()),
        contentType: out.ContentType ?? 'application/octet-stream',
        etag: out.ETag ?? null,
        cacheControl: out.CacheControl ?? null,
        metadata: out.Metadata ?? {},
      };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      // The body is read after the client's own error translation: S3 dying mid-body lands here.
      throw toStorageError(error, 'S3');
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      if (batch.length === 0) continue;
      await this.s3.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
    }
  }

  /** Keys under a prefix (current objects only); at most 1,000, which is what one post can hold. */
  async listKeys(prefix: string): Promise<string[]> {
    const out = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix }));
    return (out.Contents ?? []).flatMap((item) => (item.Key ? [item.Key] : []));
  }

  /**
   * Deletes everything under the prefixes, every version of every object and every delete
   * marker (the bucket is versioned in AWS): ListObjectVersions, then DeleteObjects naming each
   * VersionId. A store without versioning (s3rver refuses the call) holds only the current
   * objects, which are deleted by key (docs/adr/0013-takedown-hide-unhide-purge.md).
   */
  async purge(prefixes: readonly string[]): Promise<{ deleted: number; versioned: boolean }> {
    let deleted = 0;
    let versioned = true;
    for (const prefix of prefixes) {
      let targets: Array<{ Key: string; VersionId?: string }>;
      try {
        targets = await this.listVersions(prefix);
      } catch (error) {
        if (!isNotImplemented(error)) throw error;
        versioned = false;
        targets = (await this.listKeys(prefix)).map((Key) => ({ Key }));
      }
      for (let i = 0; i < targets.length; i += 1000) {
        const batch = targets.slice(i, i + 1000);
        await this.s3.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } }));
        deleted += batch.length;
      }
    }
    return { deleted, versioned };
  }

  private async listVersions(prefix: string): Promise<Array<{ Key: string; VersionId?: string }>> {
    const targets: Array<{ Key: string; VersionId?: string }> = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const out = await this.s3.send(
        new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
      );
      for (const entry of [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])]) {
        if (entry.Key) targets.push({ Key: entry.Key, ...(entry.VersionId ? { VersionId: entry.VersionId } : {}) });
      }
      keyMarker = out.IsTruncated ? out.NextKeyMarker : undefined;
      versionMarker = out.IsTruncated ? out.NextVersionIdMarker : undefined;
    } while (keyMarker);
    return targets;
  }
}

/**
 * A store without versioning refuses the versioning calls: s3rver 3.7.1 answers
 * ListObjectVersions with 405 MethodNotAllowed (ResourceType VERSIONS, seen 2026-12), other
 * versioning calls with 501 NotImplemented.
 */
function isNotImplemented(error: unknown): boolean {
  const names = [error, (error as { cause?: unknown })?.cause].map((e) => (e as { name?: string; Code?: string } | undefined)?.name);
  const status = [error, (error as { cause?: unknown })?.cause].map(
    (e) => (e as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode,
  );
  return names.includes('NotImplemented') || names.includes('MethodNotAllowed') || status.includes(501) || status.includes(405);
}
