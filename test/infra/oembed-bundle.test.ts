import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oembedSpec, projectRoot, toEsbuildOptions } from '../../infra/functions/function-spec.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { type Harness, startHarness } from '../support/harness.js';

const run = promisify(execFile);
let h: Harness;
let dir: string;
let bundle: string;
let inputs: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'postkeep-oembed-bundle-'));
  const options = toEsbuildOptions(oembedSpec, dir);
  const result = await build({ ...options, metafile: true, logLevel: 'silent' });
  const meta: Metafile = result.metafile;
  // What ends up in the bundle: files esbuild read but tree-shook away contribute no bytes.
  const output = Object.entries(meta.outputs).find(([name]) => !name.endsWith('.map'))![1];
  inputs = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  bundle = options.outfile;
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A function-URL (payload 2.0) event asking oEmbed about `url`. */
function oembedEvent(url: string): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/oembed',
    rawQueryString: `url=${encodeURIComponent(url)}&maxwidth=&format=json`,
    headers: { host: 'abc123.lambda-url.eu-west-1.on.aws' },
    requestContext: { http: { method: 'GET', path: '/oembed', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' } },
    isBase64Encoded: false,
  };
}

interface LambdaResult {
  readonly statusCode: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** Runs the bundle's handler once in a process of its own, with only the environment Lambda would give it. */
async function invoke(event: Record<string, unknown>, env: Record<string, string>): Promise<{ result: LambdaResult; output: string }> {
  const marker = '@@postkeep-result@@';
  const script =
    "const { handler } = await import(process.argv[1]); const r = await handler(JSON.parse(process.argv[2]), { awsRequestId: 'bundle-request-1' }); " +
    `process.stdout.write('\\n${marker}' + JSON.stringify(r)); process.exit(0);`;
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script, bundle, JSON.stringify(event)], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      ...oembedSpec.environment,
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
  });
  const at = stdout.lastIndexOf(marker);
  return { result: JSON.parse(stdout.slice(at + marker.length)) as LambdaResult, output: `${stdout.slice(0, at)}\n${stderr}` };
}

describe('the oEmbed function as CDK bundles it', () => {
  it.each([
    'node_modules/zod/',
    'node_modules/@aws-sdk/client-dynamodb/',
    'node_modules/@aws-sdk/lib-dynamodb/',
    'node_modules/@aws-sdk/client-s3/',
    'node_modules/@aws-sdk/core/',
    'node_modules/@aws-sdk/credential-provider-node/',
    'node_modules/@aws-sdk/credential-provider-env/',
    'node_modules/@aws-sdk/nested-clients/',
    'node_modules/@smithy/',
    'node_modules/sharp/',
    'node_modules/cheerio/',
  ])('leaves out %s', (path) => {
    expect(inputs.filter((input) => input.includes(path))).toEqual([]);
  });

  it('carries nothing of the AWS SDK but its item unmarshalling (docs/adr/0017-oembed-reads-without-the-sdk.md)', () => {
    const sdkPackages = new Set(inputs.map((input) => /node_modules\/(@aws-sdk\/[^/]+|@smithy\/[^/]+)/.exec(input)?.[1]).filter(Boolean));
    expect([...sdkPackages]).toEqual(['@aws-sdk/util-dynamodb']);
  });

  it.each([
    'node_modules/@aws-lambda-powertools/logger/',
    'node_modules/aws4/',
    'shared/adapters/signed-dynamo.ts',
    'shared/adapters/storage-timeouts.ts',
    'shared/adapters/storage-errors.ts',
    'functions/http/request-id.ts',
    'functions/http/on-error.ts',
  ])('carries %s (the one logger, the signed reader with the storage time-outs, the 503)', (path) => {
    expect(inputs.filter((input) => input.includes(path))).not.toEqual([]);
  });

  it("answers 503 storage_unavailable with Retry-After and logs it with Lambda's request id when DynamoDB is not there", async () => {
    // Port 9 (discard) on loopback: nothing listens, so every attempt is refused at once.
    const { result, output } = await invoke(oembedEvent('https://postkeep.test/embed/0123456789abcdef0123'), {
      POSTKEEP_TABLE: 'postkeep-none',
      PUBLIC_BASE_URL: 'https://postkeep.test',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      LOG_LEVEL: 'info',
    });
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'storage_unavailable' } });
    expect(result.headers?.['retry-after']).toBe('5');
    expect(result.headers?.['x-request-id']).toBe('bundle-request-1');
    const logged = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({ service: 'postkeep', code: 'storage_unavailable', status: 503, requestId: 'bundle-request-1' }),
    );
  });

  it('answers 500 and logs why when Lambda’s environment holds no credentials, sending nothing', async () => {
    // No endpoint: the function signs for DynamoDB in AWS with the role's credentials, and finds
    // none before it would open any connection.
    const { result, output } = await invoke(oembedEvent('https://postkeep.test/embed/0123456789abcdef0123'), {
      POSTKEEP_TABLE: 'postkeep-none',
      PUBLIC_BASE_URL: 'https://postkeep.test',
      LOG_LEVEL: 'info',
    });
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'internal' } });
    expect(output).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set');
  });

  it('answers a function-URL event from a real table in a process of its own', async () => {
    h.fake.addPost({
      shortcode: 'BundleTst0A',
      handle: 'bundle.user',
      name: 'Bundle User',
      caption: 'read by the bundled function',
      items: [{ type: 'image', width: 640, height: 800, path: '/v/bundle.jpg' }],
    });
    const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/BundleTst0A/' })).json()) as PostJson;
    const { result } = await invoke(oembedEvent(post.embedUrl.replace('http://', 'https://')), {
      POSTKEEP_TABLE: h.config.table,
      PUBLIC_BASE_URL: h.config.publicBaseUrl,
      AWS_ENDPOINT_URL_DYNAMODB: h.config.dynamoEndpoint ?? '',
    });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ type: 'rich', author_name: 'Bundle User', width: 540 });
  });
});
