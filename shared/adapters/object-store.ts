import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string | null;
  readonly cacheControl: string | null;
  /** User metadata (S3 `x-amz-meta-*`), keys lower-case. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface PutObjectInput {
  readonly key: string;
  readonly body: Buffer | string;
  readonly contentType: string;
  readonly cacheControl?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The bucket: media under content-addressed keys, rendered embeds, and raw upstream evidence. */
export class ObjectStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(input: PutObjectInput): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: input.key,
        Body: input.body,
        ContentType: input.contentType,
        ...(input.cacheControl ? { CacheControl: input.cacheControl } : {}),
        ...(input.metadata ? { Metadata: { ...input.metadata } } : {}),
      }),
    );
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
      throw error;
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
}
