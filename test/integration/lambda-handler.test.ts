import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../../functions/api/app.js';
import { createOEmbedApp } from '../../functions/oembed/app.js';
import { buildOEmbedDeps } from '../../functions/oembed/deps.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { API_KEY, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

/** An API Gateway HTTP API (payload v2) event, the shape function URLs send too. */
function event(method: string, path: string, body?: string, headers: Record<string, string> = {}, query = ''): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'abc123.lambda-url.eu-west-1.on.aws', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.lambda-url.eu-west-1.on.aws',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '22/Nov/2026:01:00:00 +0000',
      timeEpoch: 1795309200000,
      authentication: null,
      authorizer: {},
    },
    isBase64Encoded: false,
    body: body ?? null,
  };
}

describe('the API function behind API Gateway v2 / a function URL', () => {
  it('captures a post from a v2 event and answers a v2 result', async () => {
    h.fake.addPost({
      shortcode: 'BqvsDleB3lV',
      handle: 'lambda.user',
      name: 'Lambda User',
      caption: 'from a lambda event',
      items: [{ type: 'image', width: 640, height: 640, path: '/v/lambda.jpg' }],
    });
    const handler = handle(createApiApp(h.deps));
    const result = await handler(
      event('POST', '/api/posts', JSON.stringify({ url: 'https://www.instagram.com/p/BqvsDleB3lV/' }), {
        authorization: `Bearer ${API_KEY}`,
        'content-type': 'application/json',
      }),
      {} as Context,
    );
    expect(result.statusCode).toBe(201);
    expect(result.headers?.['content-type']).toContain('application/json');
    const post = JSON.parse(result.body ?? '{}') as { shortcode: string; author: { handle: string } };
    expect(post.shortcode).toBe('BqvsDleB3lV');
    expect(post.author.handle).toBe('lambda.user');

    const unauthorised = await handler(event('GET', '/api/posts'), { awsRequestId: 'c0ffee00-1111-4222-8333-444455556666' } as Context);
    expect(unauthorised.statusCode).toBe(401);
    // The answer, like the log line, names Lambda's own request id.
    expect(unauthorised.headers?.['x-request-id']).toBe('c0ffee00-1111-4222-8333-444455556666');
    expect(unauthorised.headers?.['cache-control']).toBe('no-store');
  });
});

describe('the oEmbed function behind a function URL', () => {
  it('answers from the table through its own wiring (the signed reader, not the SDK)', async () => {
    h.fake.addPost({
      shortcode: 'BqvsDleB3lW',
      handle: 'oembed.user',
      name: 'OEmbed User',
      caption: 'read by the oEmbed function',
      items: [{ type: 'image', width: 640, height: 800, path: '/v/oembed-lambda.jpg' }],
    });
    const created = await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/BqvsDleB3lW/' });
    const post = (await created.json()) as PostJson;
    const handler = handle(createOEmbedApp(buildOEmbedDeps(h.config)));
    const answer = async (url: string) =>
      handler(event('GET', '/oembed', undefined, {}, `url=${encodeURIComponent(url)}`), { awsRequestId: 'oembed-req-1' } as Context);

    const byEmbed = await answer(post.embedUrl);
    expect(byEmbed.statusCode).toBe(200);
    expect(JSON.parse(byEmbed.body ?? '{}')).toMatchObject({ type: 'rich', author_name: 'OEmbed User' });
    expect(byEmbed.headers?.['x-request-id']).toBe('oembed-req-1');
    const byInstagram = await answer('https://www.instagram.com/p/BqvsDleB3lW/');
    expect(JSON.parse(byInstagram.body ?? '{}')).toEqual(JSON.parse(byEmbed.body ?? '{}'));
    expect((await answer('https://www.instagram.com/p/BqvsDleB3lX/')).statusCode).toBe(404);
  });
});
