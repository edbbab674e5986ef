import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Writer } from '../../shared/adapters/s3-writer.js';
import { StoreServiceError } from '../../shared/adapters/signed-http.js';
import { StorageUnavailableError } from '../../shared/errors.js';
import { NodeSha256, scriptedServer } from '../support/scripted-store.js';
import { StorageServer } from '../support/storage-child.js';

const timeouts = { connectionTimeoutMs: 1_000, requestTimeoutMs: 400, maxAttempts: 2 };
const writerFor = (endpoint: string, bucket = 'postkeep-media') =>
  new S3Writer({ region: 'eu-west-1', s3Endpoint: endpoint, dynamoEndpoint: null }, bucket, { timeouts });

const ok = (res: ServerResponse): void => {
  res.writeHead(200, { ETag: '"etag"' }).end();
};
const s3Error =
  (status: number, code: string, message: string) =>
  (res: ServerResponse): void => {
    res
      .writeHead(status, { 'Content-Type': 'application/xml' })
      .end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  };

const page = {
  // Characters S3 signs percent-encoded though encodeURIComponent leaves some of them as they are.
  key: "embed/0123456789abcdef0123/a b+c~d!e'f(g)*é.html",
  body: '<!doctype html><title>Post by Ana Lima (archived copy)</title>',
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'public, max-age=60',
  metadata: { 'postkeep-oembed': 'none' },
};

describe('PutObject without the SDK, against a scripted server on loopback', () => {
  it('sends the object path-style with its headers and metadata, signed as the AWS SDK’s own SigV4 signer signs it', async () => {
    const server = await scriptedServer([ok]);
    try {
      const credentials = { accessKeyId: 'ASIAEXAMPLEROLE', secretAccessKey: 'role/secret+key', sessionToken: 'the-session-token' };
      const writer = new S3Writer({ region: 'eu-west-1', s3Endpoint: server.endpoint, dynamoEndpoint: null }, 'postkeep-media', {
        credentials: () => credentials,
      });
      await writer.put(page);

      const [request] = server.seen;
      expect(request!.url).toBe('/postkeep-media/embed/0123456789abcdef0123/a%20b%2Bc~d%21e%27f%28g%29%2A%C3%A9.html');
      expect(request!.body).toBe(page.body);
      expect(request!.headers).toMatchObject({
        'content-type': page.contentType,
        'cache-control': page.cacheControl,
        'content-length': String(Buffer.byteLength(page.body)),
        'x-amz-meta-postkeep-oembed': 'none',
        'x-amz-content-sha256': createHash('sha256').update(page.body).digest('hex'),
        'x-amz-security-token': 'the-session-token',
      });
      const date = request!.headers['x-amz-date'] as string;
      expect(request!.headers.authorization).toContain(`Credential=ASIAEXAMPLEROLE/${date.slice(0, 8)}/eu-west-1/s3/aws4_request`);

      // S3 checks the signature over the path as sent (no second encoding), the signed payload
      // hash and the headers the request names as signed: the object's type and metadata among them.
      const { authorization, ...unsigned } = request!.headers as Record<string, string>;
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization!)![1]!.split(';');
      expect(signedHeaders).toEqual(
        expect.arrayContaining(['content-type', 'host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-meta-postkeep-oembed']),
      );
      const unsignable = new Set(Object.keys(unsigned).filter((name) => !signedHeaders.includes(name)));
      // The SDK's signer leaves Cache-Control out unless told; S3 accepts it signed.
      const signable = new Set(signedHeaders);
      const sdk = new SignatureV4({
        credentials,
        region: 'eu-west-1',
        service: 's3',
        sha256: NodeSha256,
        uriEscapePath: false,
        applyChecksum: true,
      });
      const signingDate = new Date(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
      const { port } = new URL(server.endpoint);
      const bySdk = await sdk.sign(
        {
          method: 'PUT',
          protocol: 'http:',
          hostname: '127.0.0.1',
          port: Number(port),
          path: request!.url,
          query: {},
          headers: unsigned,
          body: request!.raw,
        },
        { signingDate, unsignableHeaders: unsignable, signableHeaders: signable },
      );
      expect(bySdk.headers.authorization).toBe(authorization);
    } finally {
      await server.close();
    }
  });

  it('signs a payload hash it is given instead of hashing the body again', async () => {
    const server = await scriptedServer([ok]);
    try {
      const body = Buffer.from('original image bytes');
      const sha256 = createHash('sha256').update(body).digest('hex');
      await writerFor(server.endpoint).put({ key: `media/${sha256}/original.jpg`, body, contentType: 'image/jpeg', sha256 });
      expect(server.seen[0]!.headers['x-amz-content-sha256']).toBe(sha256);
      expect(server.seen[0]!.raw.equals(body)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('retries a 503 SlowDown once and succeeds with the second attempt', async () => {
    const server = await scriptedServer([s3Error(503, 'SlowDown', 'Please reduce your request rate.'), ok]);
    try {
      await writerFor(server.endpoint).put(page);
      expect(server.seen).toHaveLength(2);
      expect(server.seen[1]!.body).toBe(page.body);
    } finally {
      await server.close();
    }
  });

  it('gives up on a store that keeps failing: two attempts, then StorageUnavailableError naming S3', async () => {
    const server = await scriptedServer([s3Error(500, 'InternalError', 'We encountered an internal error.')]);
    try {
      const failure = await writerFor(server.endpoint)
        .put(page)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageUnavailableError);
      expect((failure as Error).message).toContain('S3');
      expect(((failure as Error).cause as Error).name).toBe('InternalError');
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('does not retry a refusal that is an answer, and names it from the XML', async () => {
    const server = await scriptedServer([s3Error(403, 'AccessDenied', 'Access Denied')]);
    try {
      const failure = await writerFor(server.endpoint)
        .put(page)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreServiceError);
      expect(failure).not.toBeInstanceOf(StorageUnavailableError);
      expect(failure).toMatchObject({ name: 'AccessDenied', message: 'Access Denied', $metadata: { httpStatusCode: 403 } });
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('gives up on a store that accepts the request and never answers', async () => {
    const server = await scriptedServer([() => {}]);
    try {
      const failure = await writerFor(server.endpoint)
        .put(page)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageUnavailableError);
      expect((failure as Error).cause).toMatchObject({ name: 'TimeoutError', message: 'S3 did not answer within 400 ms' });
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});

describe('where objects are written', () => {
  const aws = (bucket: string) => new S3Writer({ region: 'eu-west-1', s3Endpoint: null, dynamoEndpoint: null }, bucket, { timeouts });

  it('in AWS, on the bucket’s regional virtual host; path-style when the name has a dot', () => {
    expect(aws('postkeep-media-1a2b').target('media/abc/640.avif').href).toBe(
      'https://postkeep-media-1a2b.s3.eu-west-1.amazonaws.com/media/abc/640.avif',
    );
    expect(aws('media.example.org').target('media/abc/640.avif').href).toBe(
      'https://s3.eu-west-1.amazonaws.com/media.example.org/media/abc/640.avif',
    );
  });

  it('locally, path-style under the endpoint, each key segment percent-encoded as S3 signs it', () => {
    expect(writerFor('http://127.0.0.1:4569').target("evidence/x/a b#c+d~e!f'g(h)*é.html").href).toBe(
      'http://127.0.0.1:4569/postkeep-media/evidence/x/a%20b%23c%2Bd~e%21f%27g%28h%29%2A%C3%A9.html',
    );
  });

  it('refuses a key that would name another object or another host', () => {
    for (const key of ['/evil.example/x', 'media/../embed/x.html', 'media/./x', 'media//x', '']) {
      expect(() => aws('postkeep-media-1a2b').target(key), key).toThrow(/Refusing to write the object key/);
    }
  });
});

describe('PutObject without the SDK, against s3rver', () => {
  const BUCKET = 'postkeep-writer-test';
  let scratch: string;
  let s3: StorageServer;
  let client: S3Client;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'postkeep-s3-writer-'));
    s3 = await new StorageServer('s3', join(scratch, 's3')).start();
    client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  }, 30_000);

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('stores the bytes, type, cache policy and metadata the SDK then reads back', async () => {
    const writer = new S3Writer({ region: 'us-east-1', s3Endpoint: s3.endpoint, dynamoEndpoint: null }, BUCKET);
    const image = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    await writer.put({
      key: 'media/abc/640.avif',
      body: image,
      contentType: 'image/avif',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    await writer.put(page);

    const media = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'media/abc/640.avif' }));
    expect(Buffer.from(await media.Body!.transformToByteArray()).equals(image)).toBe(true);
    expect(media.ContentType).toBe('image/avif');
    expect(media.CacheControl).toBe('public, max-age=31536000, immutable');

    const html = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: page.key }));
    expect(await html.Body!.transformToString()).toBe(page.body);
    expect(html.ContentType).toBe(page.contentType);
    expect(html.Metadata).toEqual(page.metadata);
  });
});
