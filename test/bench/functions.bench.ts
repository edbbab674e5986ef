/**
 * Part of `npm run bench`: the two Lambda functions as a deploy ships them, beside a hello-world
 * Hono function bundled the same way. Bundles are built with the esbuild options CDK derives
 * from infra/functions/function-spec.ts; each cold start is a fresh `node` process (as Lambda
 * starts one) that imports the bundle and answers one function-URL event, measured from node's
 * own start to that answer (wall and CPU of the whole process). Prints figures; asserts nothing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { apiSpec, type FunctionSpec, oembedSpec, projectRoot, toEsbuildOptions } from '../../infra/functions/function-spec.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { startHarness } from '../support/harness.js';
import { startStorageChild } from '../support/storage-child.js';
import { kb, median, row } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const run = promisify(execFile);
const outRoot = join(projectRoot, '.bench', 'functions');
const runner = join(projectRoot, 'test', 'bench', 'lambda-init.mjs');

interface Built {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly topInputs: string;
  readonly event: unknown;
  readonly environment: Readonly<Record<string, string>>;
}

async function bundle(name: string, spec: FunctionSpec, event: unknown): Promise<Built> {
  const dir = join(outRoot, name.replace(/[^a-z]+/gi, '-'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const options = toEsbuildOptions(spec, dir);
  const result = await build({ ...options, metafile: true, logLevel: 'warning' });
  const output = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => !k.endsWith('.map'))!]!;
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'postkeep';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
  }
  const top = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([pkg, bytes]) => `${pkg} ${(bytes / 1024).toFixed(0)} KB`)
    .join(', ');
  return { name, file: options.outfile, bytes: statSync(options.outfile).size, topInputs: top, event, environment: spec.environment };
}

/** A function URL (API Gateway payload 2.0) GET. */
function getEvent(path: string, query = ''): unknown {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'abc123.lambda-url.eu-west-1.on.aws' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.lambda-url.eu-west-1.on.aws',
      domainPrefix: 'abc123',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: '$default',
      stage: '$default',
      time: '01/Dec/2026:00:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    isBase64Encoded: false,
  };
}

const storage = await startStorageChild();
const h = await startHarness(storage.env);
try {
  h.fake.addPost({
    shortcode: 'BenchInit0A',
    handle: 'bench.user',
    name: 'Bench User',
    caption: 'answered by a cold oEmbed function',
    items: [{ type: 'image', width: 640, height: 800, path: '/v/bench-init.jpg' }],
  });
  const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/BenchInit0A/' })).json()) as PostJson;
  const oembedQuery = `url=${encodeURIComponent(post.embedUrl)}&maxwidth=500&maxheight=750`;

  const hello: FunctionSpec = { ...oembedSpec, entry: 'test/bench/hello-handler.ts', description: 'hello world' };
  // What one GetItem costs on top of hello world, through the SDK and through oEmbed's reader
  // (docs/adr/0017-oembed-reads-without-the-sdk.md).
  const sdkGet: FunctionSpec = { ...oembedSpec, entry: 'test/bench/getitem-sdk-handler.ts', description: 'hello + SDK GetItem' };
  const readerGet: FunctionSpec = { ...oembedSpec, entry: 'test/bench/getitem-reader-handler.ts', description: 'hello + reader GetItem' };
  const built = [
    await bundle('hello', hello, getEvent('/')),
    await bundle('oembed', oembedSpec, getEvent('/oembed', oembedQuery)),
    await bundle('hello + GetItem (SDK)', sdkGet, getEvent('/')),
    await bundle('hello + GetItem (reader)', readerGet, getEvent('/')),
    await bundle('api', apiSpec, getEvent('/healthz')),
  ];
  const env = {
    PATH: process.env.PATH ?? '',
    // Lambda runs Node 22, where the SDK has no "please upgrade Node" warning to print; this
    // machine's Node 20 would otherwise pay for one in every cold start.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    POSTKEEP_TABLE: h.config.table,
    POSTKEEP_BUCKET: h.config.bucket,
    PUBLIC_BASE_URL: h.config.publicBaseUrl,
    ...storage.env,
  };

  const samples = new Map<string, { wall: number[]; cpu: number[]; status: number }>();
  // Interleaved, so a busy moment on the machine falls on every function alike.
  for (let i = 0; i < RUNS; i += 1) {
    for (const fn of built) {
      const { stdout } = await run(process.execPath, [runner, fn.file, JSON.stringify(fn.event)], {
        env: { ...env, ...fn.environment },
        cwd: projectRoot,
      });
      const measured = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { wallMs: number; cpuMs: number; statusCode: number };
      const entry = samples.get(fn.name) ?? { wall: [], cpu: [], status: measured.statusCode };
      entry.wall.push(measured.wallMs);
      entry.cpu.push(measured.cpuMs);
      samples.set(fn.name, entry);
    }
  }

  const base = samples.get('hello')!;
  console.log(
    `\nLambda functions as bundled for deploy (esbuild settings of infra/functions/function-spec.ts; cold start = new node process to first answer, median of ${RUNS})`,
  );
  for (const fn of built) {
    const s = samples.get(fn.name)!;
    const cpu = median(s.cpu);
    const wall = median(s.wall);
    const ratio = fn.name === 'hello' ? '' : `  ${(cpu / median(base.cpu)).toFixed(2)}× hello CPU`;
    console.log(row(`${fn.name}: bundle`, kb(fn.bytes), fn.topInputs));
    console.log(
      row(`${fn.name}: cold start to first answer (${s.status})`, `${cpu.toFixed(0)} ms CPU`, `${wall.toFixed(0)} ms wall${ratio}`),
    );
  }
  console.log(row('goal: oEmbed cold-start CPU', '', '≤ 1.40× hello'));
} finally {
  await h.stop();
  storage.stop();
}
