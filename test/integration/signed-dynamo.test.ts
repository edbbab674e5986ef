import type { ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostReader } from '../../shared/adapters/post-reader.js';
import { SignedDynamo } from '../../shared/adapters/signed-dynamo.js';
import { StoreServiceError } from '../../shared/adapters/signed-http.js';
import { ConfigError, loadEnvCredentials } from '../../shared/config.js';
import { StorageUnavailableError } from '../../shared/errors.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { type Harness, startHarness } from '../support/harness.js';
import { NodeSha256, scriptedServer } from '../support/scripted-store.js';

const json =
  (status: number, body: unknown) =>
  (res: ServerResponse): void => {
    res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' }).end(JSON.stringify(body));
  };
const fault = (status: number, type: string, message: string) =>
  json(status, { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
const item = { Item: { pk: { S: 'post#x' }, sk: { S: 'post' }, caption: { S: 'from the store' } } };
const getItem = { TableName: 'postkeep-test', Key: { pk: { S: 'post#x' }, sk: { S: 'post' } }, ConsistentRead: true };

/** Short time-outs so the stalled cases end quickly; the same code paths as the production figures. */
function readerFor(endpoint: string, timeouts = { connectionTimeoutMs: 1_000, requestTimeoutMs: 400, maxAttempts: 2 }) {
  return new SignedDynamo({ region: 'eu-west-1', dynamoEndpoint: endpoint, s3Endpoint: null }, { timeouts });
}

describe('the oEmbed table reader against a scripted server on loopback', () => {
  it('sends a GetItem in DynamoDB’s JSON protocol, signed as the AWS SDK’s own SigV4 signer signs it', async () => {
    const server = await scriptedServer([json(200, item)]);
    try {
      const credentials = { accessKeyId: 'ASIAEXAMPLEROLE', secretAccessKey: 'role/secret+key', sessionToken: 'the-session-token' };
      const reader = new SignedDynamo(
        { region: 'eu-west-1', dynamoEndpoint: server.endpoint, s3Endpoint: null },
        { credentials: () => credentials },
      );
      await expect(reader.send('GetItem', getItem)).resolves.toEqual(item);

      const [request] = server.seen;
      expect(request!.url).toBe('/');
      expect(JSON.parse(request!.body)).toEqual(getItem);
      expect(request!.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
      expect(request!.headers['content-type']).toBe('application/x-amz-json-1.0');
      expect(request!.headers['x-amz-security-token']).toBe('the-session-token');
      const date = request!.headers['x-amz-date'] as string;
      expect(request!.headers.authorization).toContain(`Credential=ASIAEXAMPLEROLE/${date.slice(0, 8)}/eu-west-1/dynamodb/aws4_request`);

      // The SDK's signer, given the same request and credentials at the same time, must arrive at
      // the same Authorization header: signature, scope and signed headers alike.
      const { authorization, ...unsigned } = request!.headers as Record<string, string>;
      const sdk = new SignatureV4({ credentials, region: 'eu-west-1', service: 'dynamodb', sha256: NodeSha256, applyChecksum: false });
      const signingDate = new Date(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
      const { port } = new URL(server.endpoint);
      const bySdk = await sdk.sign(
        {
          method: 'POST',
          protocol: 'http:',
          hostname: '127.0.0.1',
          port: Number(port),
          path: '/',
          query: {},
          headers: unsigned,
          body: request!.body,
        },
        { signingDate },
      );
      expect(bySdk.headers.authorization).toBe(authorization);
    } finally {
      await server.close();
    }
  });

  it('retries a 5xx once and answers what the second attempt got', async () => {
    const server = await scriptedServer([fault(500, 'InternalServerError', 'Internal Server Error'), json(200, item)]);
    try {
      await expect(readerFor(server.endpoint).send('GetItem', getItem)).resolves.toEqual(item);
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('retries throttling once, then gives up with StorageUnavailableError', async () => {
    const server = await scriptedServer([fault(400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.')]);
    try {
      const failure = await readerFor(server.endpoint)
        .send('GetItem', getItem)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageUnavailableError);
      expect(((failure as Error).cause as Error).name).toBe('ThrottlingException');
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('does not retry a 4xx that is an answer, and names it', async () => {
    const server = await scriptedServer([fault(400, 'ValidationException', 'One or more parameter values were invalid')]);
    try {
      const failure = await readerFor(server.endpoint)
        .send('GetItem', getItem)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreServiceError);
      expect(failure).not.toBeInstanceOf(StorageUnavailableError);
      expect(failure).toMatchObject({
        name: 'ValidationException',
        message: 'One or more parameter values were invalid',
        $metadata: { httpStatusCode: 400 },
      });
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('gives up on a store that accepts the request and never answers: two attempts, then StorageUnavailableError', async () => {
    const server = await scriptedServer([() => {}]);
    try {
      const failure = await readerFor(server.endpoint)
        .send('GetItem', getItem)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageUnavailableError);
      expect((failure as Error).cause).toMatchObject({ name: 'TimeoutError', message: 'DynamoDB did not answer within 400 ms' });
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('gives up on a connection that never completes within the connection time-out', async () => {
    // A TCP server that accepts and stays silent: over https the connection is not made until
    // the TLS handshake is, so the connection time-out fires long before the request time-out.
    const silent = createTcpServer(() => {});
    const sockets = new Set<Socket>();
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const failure = await readerFor(endpoint, { connectionTimeoutMs: 300, requestTimeoutMs: 20_000, maxAttempts: 2 })
        .send('GetItem', getItem)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageUnavailableError);
      expect((failure as Error).cause).toMatchObject({ name: 'TimeoutError', message: 'no connection to DynamoDB within 300 ms' });
      expect(sockets.size).toBe(2);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('treats an answer cut off halfway as an outage', async () => {
    const server = await scriptedServer([
      (res) => {
        res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': '400' });
        res.write('{"Item": {"pk": ');
        setTimeout(() => res.socket?.destroy(), 20);
      },
    ]);
    try {
      await expect(readerFor(server.endpoint).send('GetItem', getItem)).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('answers StorageUnavailableError at once when nothing listens', async () => {
    const server = await scriptedServer([json(200, item)]);
    const endpoint = server.endpoint;
    await server.close();
    const failure = await readerFor(endpoint)
      .send('GetItem', getItem)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageUnavailableError);
    expect((failure as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('fails clearly, sending nothing, when Lambda’s environment holds no credentials', async () => {
    const server = await scriptedServer([json(200, item)]);
    try {
      const reader = new SignedDynamo(
        { region: 'eu-west-1', dynamoEndpoint: server.endpoint, s3Endpoint: null },
        { credentials: () => loadEnvCredentials({ AWS_REGION: 'eu-west-1' }) },
      );
      await expect(reader.send('GetItem', getItem)).rejects.toBeInstanceOf(ConfigError);
      expect(server.seen).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});

describe('the oEmbed table reader against dynalite', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => h?.stop());

  const reader = () => new SignedDynamo(h.config, { timeouts: { connectionTimeoutMs: 5_000, requestTimeoutMs: 20_000, maxAttempts: 2 } });

  it('reads a record the write path stored, by id and by shortcode', async () => {
    h.fake.addPost({
      shortcode: 'ReaderTst0A',
      handle: 'reader.user',
      name: 'Reader User',
      caption: 'stored by the API, read without the SDK',
      items: [{ type: 'image', width: 640, height: 800, path: '/v/reader.jpg' }],
    });
    const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/ReaderTst0A/' })).json()) as PostJson;
    const posts = new PostReader(reader(), h.config.table);
    const record = await posts.get(post.id);
    expect(record).toEqual(await h.deps.posts.get(post.id));
    expect(record).toMatchObject({ id: post.id, caption: 'stored by the API, read without the SDK' });
    expect((await posts.getByShortcode('ReaderTst0A')).id).toBe(post.id);
    expect(await posts.get('0123456789abcdef0123')).toBeNull();
  });

  it('is refused by dynalite without a signature, and accepted with the reader’s', async () => {
    const body = JSON.stringify({ TableName: h.config.table, Key: { pk: { S: 'post#none' }, sk: { S: 'post' } } });
    const unsigned = await fetch(h.config.dynamoEndpoint!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.GetItem' },
      body,
    });
    expect(unsigned.status).toBe(400);
    expect(((await unsigned.json()) as { __type: string }).__type).toMatch(/MissingAuthenticationToken/);
    await expect(reader().send('GetItem', JSON.parse(body) as object)).resolves.toEqual({});
  });

  it('names a missing table (ResourceNotFoundException) and a key of the wrong shape (ValidationException), not an outage', async () => {
    const missing = await reader()
      .send('GetItem', { TableName: 'postkeep-no-such-table', Key: { pk: { S: 'post#x' }, sk: { S: 'post' } } })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(StoreServiceError);
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    const malformed = await reader()
      .send('GetItem', { TableName: h.config.table, Key: { pk: { S: 'post#x' } } })
      .catch((error: unknown) => error);
    expect(malformed).toBeInstanceOf(StoreServiceError);
    expect(malformed).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect((malformed as Error).message).toMatch(/key/i);
  });
});
