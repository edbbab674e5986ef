import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, buildAwsClients } from '../../shared/adapters/aws-clients.js';
import { loadConfig } from '../../shared/config.js';
import { DEFAULT_VARIANT, embedObjectKey } from '../../shared/embed/index.js';
import type { PostRecord } from '../../shared/post/post.js';
import { FakeInstagram } from '../support/fake-instagram.js';
import type { FakePost } from '../support/instagram-pages.js';
import { StorageServer, spawnTs } from '../support/storage-child.js';

/**
 * Fault injection (docs/adr/0003-storage-timeouts-and-503.md): S3 and DynamoDB each run in a
 * process of their own, and so does the service (`functions/local/server.ts`, what `npm start`
 * runs, pointed at them through AWS_ENDPOINT_URL_*), so a crash of any of them is observable.
 * During 20 captures of fresh carousel posts each store is stalled (SIGSTOP) and killed
 * (SIGKILL, then restarted on the same port and data) at seeded random moments.
 *
 * FAULT_SEED=<n> replays a run; the seed and the plan are printed.
 */
const KEY = 'fault-key-5b1e';
const CAPTURES = 20;
const ANSWER_DEADLINE_MS = 15_000;
/** Captures start at this pace whatever the answers, so faults land while some are in flight. */
const CAPTURE_EVERY_MS = 1_000;
const BUCKET = 'postkeep-faults';
const TABLE = 'postkeep-faults';

interface Answer {
  readonly shortcode: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly requestId: string | null;
}

interface Fault {
  readonly server: StorageServer;
  readonly kind: 'stall' | 'kill';
  /** When the fault starts, in ms after the first capture. */
  readonly atMs: number;
  readonly holdMs: number;
}

/** mulberry32: a small seeded generator, so a failing plan can be replayed exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const carousel = (shortcode: string): FakePost => ({
  shortcode,
  handle: `fault.${shortcode.toLowerCase()}`,
  name: `Fault ${shortcode}`,
  caption: `carousel ${shortcode}`,
  items: [1, 2, 3].map((n) => ({ type: 'image' as const, width: 400, height: 500, path: `/v/${shortcode}-${n}.jpg` })),
});
const shortcodeOf = (n: number): string => `CfAuLt${String(n).padStart(3, '0')}Zz`;
const postUrl = (shortcode: string): string => `https://www.instagram.com/p/${shortcode}/`;

let scratch: string;
let s3: StorageServer;
let dynamo: StorageServer;
let fake: FakeInstagram;
let service: ChildProcess;
let baseUrl: string;
let clients: AwsClients;
let exited: string | null = null;
const serviceLog: string[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'postkeep-faults-'));
  [s3, dynamo] = await Promise.all([
    new StorageServer('s3', join(scratch, 's3')).start(),
    new StorageServer('dynamodb', join(scratch, 'dynamodb')).start(),
  ]);
  fake = await new FakeInstagram().start();
  for (let n = 0; n <= CAPTURES; n += 1) fake.addPost(carousel(shortcodeOf(n)));

  service = spawnTs('functions/local/server.ts', [], {
    ...process.env,
    PORT: '0',
    DATA_DIR: join(scratch, 'service'),
    API_KEYS: KEY,
    PUBLIC_BASE_URL: 'http://postkeep.test',
    INSTAGRAM_ORIGIN: fake.origin,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    POSTKEEP_BUCKET: BUCKET,
    POSTKEEP_TABLE: TABLE,
    RECHECK_INTERVAL_MINUTES: '0',
    LOG_LEVEL: 'INFO',
  });
  service.once('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
  service.stderr?.on('data', (chunk: Buffer) => serviceLog.push(chunk.toString('utf8')));
  const lines = createInterface({ input: service.stdout! });
  baseUrl = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      serviceLog.push(line);
      const match = /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    service.once('exit', () => reject(new Error(`the service did not start:\n${serviceLog.join('\n')}`)));
  });
  clients = buildAwsClients(
    loadConfig({ AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, LOG_LEVEL: 'SILENT' }),
  );
}, 60_000);

afterAll(async () => {
  service?.kill('SIGTERM');
  await Promise.all([s3?.stop(), dynamo?.stop()]);
  await fake?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function capture(shortcode: string): Promise<Answer> {
  try {
    const res = await fetch(`${baseUrl}/api/posts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: postUrl(shortcode) }),
      signal: AbortSignal.timeout(ANSWER_DEADLINE_MS),
    });
    return {
      shortcode,
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: await res.text(),
      requestId: res.headers.get('x-request-id'),
    };
  } catch (error) {
    // No answer within the deadline (or the connection dropped): recorded, and asserted below.
    return { shortcode, status: 0, contentType: '', body: String(error), requestId: null };
  }
}

async function get(path: string, auth = true): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(`${baseUrl}${path}`, {
    headers: auth ? { Authorization: `Bearer ${KEY}` } : {},
    signal: AbortSignal.timeout(ANSWER_DEADLINE_MS),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null; // embed pages are HTML; only API answers are parsed
  }
  return { status: res.status, json, headers: res.headers };
}

async function allRecords(): Promise<PostRecord[]> {
  const records: PostRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clients.dynamo.send(new ScanCommand({ TableName: TABLE, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of page.Items ?? []) if (item.sk === 'post') records.push(item as PostRecord);
    start = page.LastEvaluatedKey;
  } while (start);
  return records;
}

async function exists(key: string): Promise<boolean> {
  try {
    await clients.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
}

/** Every object a record names is stored, and every embed page in the bucket belongs to a record. */
async function checkConsistency(): Promise<{ records: PostRecord[]; missing: string[]; orphanEmbeds: string[] }> {
  const records = await allRecords();
  const missing: string[] = [];
  for (const record of records) {
    const keys = [...record.media.flatMap((m) => [m.original.key, ...m.variants.map((v) => v.key)]), ...record.evidence];
    for (const key of keys) if (!(await exists(key))) missing.push(`${record.id}: ${key}`);
  }
  // One common prefix per post id: fewer than 1,000, so no continuation token (which s3rver cannot serve).
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'embed/', Delimiter: '/' }));
  expect(listed.IsTruncated).toBeFalsy();
  const ids = new Set(records.map((r) => r.id));
  const orphanEmbeds = (listed.CommonPrefixes ?? []).map((p) => p.Prefix!.slice('embed/'.length, -1)).filter((id) => !ids.has(id));
  return { records, missing, orphanEmbeds };
}

describe('storage that stalls or dies during captures', () => {
  it('never takes the service down, answers every capture in time, and leaves nothing half-stored', async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 2_147_483_647);
    const random = seeded(seed);
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

    // Warm-up: one post archived before any fault, whose embed must stay readable throughout.
    const warm = await capture(shortcodeOf(0));
    expect(warm.status, warm.body).toBe(201);
    const warmId = (JSON.parse(warm.body) as { id: string }).id;

    // Each store is stalled once and killed once, in a seeded order, at seeded moments while
    // captures start every CAPTURE_EVERY_MS; one fault at a time, so what is down is known.
    const kinds = (): Array<'stall' | 'kill'> => (random() < 0.5 ? ['stall', 'kill'] : ['kill', 'stall']);
    const order = random() < 0.5 ? [s3, dynamo] : [dynamo, s3];
    const kindsFor = new Map([
      [order[0]!, kinds()],
      [order[1]!, kinds()],
    ]);
    const windows = [
      [500, 2_500],
      [5_500, 7_500],
      [10_500, 12_500],
      [15_500, 17_500],
    ] as const;
    const plan: Fault[] = windows.map(([from, to], i) => {
      const server = order[i % 2]!;
      return { server, kind: kindsFor.get(server)!.shift()!, atMs: int(from, to), holdMs: int(500, 2_500) };
    });
    console.log(`fault seed ${seed}: ${plan.map((f) => `${f.kind} ${f.server.kind} at ${f.atMs} ms for ${f.holdMs} ms`).join('; ')}`);

    const whileDynamoDown: Array<{ what: string; status: number; json: unknown; headers: Headers }> = [];
    const started = Date.now();
    const sleepUntil = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, started + ms - Date.now())));
    const faults = (async () => {
      for (const fault of plan) {
        // A fault that would start before the previous one healed waits for it.
        await sleepUntil(fault.atMs);
        if (fault.kind === 'stall') {
          fault.server.stall();
          await new Promise((resolve) => setTimeout(resolve, fault.holdMs));
          fault.server.resume();
          continue;
        }
        await fault.server.kill();
        if (fault.server === dynamo) {
          // DynamoDB gone: the API and oEmbed say so at once; embeds still come from S3.
          whileDynamoDown.push({ what: 'api', ...(await get('/api/posts')) });
          whileDynamoDown.push({ what: 'oembed', ...(await get(`/oembed?url=${encodeURIComponent(postUrl(shortcodeOf(0)))}`, false)) });
          whileDynamoDown.push({ what: 'embed', ...(await get(`/embed/${warmId}`, false)) });
        }
        await new Promise((resolve) => setTimeout(resolve, fault.holdMs));
        await fault.server.restart();
      }
    })();

    const timeline: string[] = [];
    const answers = await Promise.all(
      Array.from({ length: CAPTURES }, async (_, i) => {
        await sleepUntil(i * CAPTURE_EVERY_MS);
        const answer = await capture(shortcodeOf(i + 1));
        timeline.push(`${i + 1}@${i * CAPTURE_EVERY_MS}: ${answer.status} after ${Date.now() - started - i * CAPTURE_EVERY_MS} ms`);
        return answer;
      }),
    );
    await faults;
    console.log(timeline.join('\n'));

    expect(exited, serviceLog.join('\n')).toBeNull();
    // The server's backstop logs what nothing else handled: it must have had nothing to do.
    expect(serviceLog.filter((line) => line.includes('unhandled rejection'))).toEqual([]);
    expect(answers).toHaveLength(CAPTURES);
    for (const answer of answers) {
      const summary = `${answer.shortcode}: ${answer.status} ${answer.body.slice(0, 200)}`;
      expect([200, 201, 502, 503].includes(answer.status) || (answer.status >= 400 && answer.status < 500), summary).toBe(true);
      expect(answer.contentType, summary).toContain('application/json');
      const json = JSON.parse(answer.body) as { id?: string; error?: { code: string } };
      if (answer.status >= 400) expect(json.error?.code, summary).toMatch(/^[a-z_]+$/);
      else expect(json.id, summary).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    const unavailable = answers.filter((a) => a.status === 503);
    console.log(
      `captures: ${answers.filter((a) => a.status < 300).length} archived, ${unavailable.length} answered 503, ${answers.filter((a) => a.status !== 503 && a.status >= 300).length} other`,
    );
    // Each storage failure is logged once, with its code and the id the answer carried.
    for (const answer of unavailable) {
      expect(JSON.parse(answer.body).error.code).toBe('storage_unavailable');
      const lines = serviceLog.filter((line) => answer.requestId && line.includes(answer.requestId));
      expect(lines, answer.requestId ?? 'no request id').toHaveLength(1);
      expect(lines[0]).toContain('"code":"storage_unavailable"');
    }

    const dynamoKilled = plan.some((f) => f.server === dynamo && f.kind === 'kill');
    expect(dynamoKilled).toBe(true);
    expect(whileDynamoDown.map((probe) => [probe.what, probe.status])).toEqual([
      ['api', 503],
      ['oembed', 503],
      ['embed', 200],
    ]);
    for (const probe of whileDynamoDown.slice(0, 2)) {
      expect(probe.json).toMatchObject({ error: { code: 'storage_unavailable' } });
    }
    expect(whileDynamoDown[0]!.headers.get('cache-control')).toBe('no-store');

    const afterFaults = await checkConsistency();
    expect(afterFaults.missing).toEqual([]);
    expect(afterFaults.orphanEmbeds).toEqual([]);

    // Every capture that failed succeeds when asked again, and then has its embed.
    for (const answer of answers.filter((a) => a.status >= 300)) {
      const again = await capture(answer.shortcode);
      expect([200, 201], `${answer.shortcode}: ${again.status} ${again.body.slice(0, 200)}`).toContain(again.status);
    }
    const afterRetries = await checkConsistency();
    expect(afterRetries.missing).toEqual([]);
    expect(afterRetries.orphanEmbeds).toEqual([]);
    expect(afterRetries.records).toHaveLength(CAPTURES + 1);
    // A capture writes its search items while its images are encoded; those of one that failed
    // are never a hit, even under the same post's id once archived: every post is found once.
    const found = await get('/api/posts?q=carousel&limit=100');
    expect(found.status).toBe(200);
    const hits = (found.json as { items: Array<{ id: string }> }).items.map((item) => item.id);
    expect(hits.sort()).toEqual(afterRetries.records.map((r) => r.id).sort());
    for (const record of afterRetries.records) {
      expect(await exists(embedObjectKey(record.id, DEFAULT_VARIANT)), record.id).toBe(true);
      expect(record.media).toHaveLength(3);
    }
    expect(exited, serviceLog.join('\n')).toBeNull();
  }, 150_000);

  it('answers 503 storage_unavailable within 10 s while DynamoDB is stalled, and keeps serving embeds', async () => {
    const warmId = (JSON.parse((await capture(shortcodeOf(0))).body) as { id: string }).id;
    // An editor signed in to the workspace before the stall.
    const signIn = await fetch(`${baseUrl}/app/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
      body: new URLSearchParams({ key: KEY }).toString(),
      redirect: 'manual',
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/=/);
    const within10s = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(`${baseUrl}${path}`, {
        headers,
        // A deadline, not a measurement: no answer by then fails the test.
        signal: AbortSignal.timeout(10_000),
      });
      return {
        status: res.status,
        type: res.headers.get('content-type') ?? '',
        body: await res.text(),
        retryAfter: res.headers.get('retry-after'),
      };
    };
    dynamo.stall();
    try {
      const [api, oembed, embed, workspace] = await Promise.all([
        within10s('/api/posts', { Authorization: `Bearer ${KEY}` }),
        within10s(`/oembed?url=${encodeURIComponent(postUrl(shortcodeOf(0)))}`, {}),
        within10s(`/embed/${warmId}`, {}),
        within10s('/app/library', { Cookie: cookie }),
      ]);
      // The workspace says the store is unavailable and to retry, as a page: not the editor's mistake.
      expect(workspace.status, workspace.body.slice(0, 300)).toBe(503);
      expect(workspace.type).toContain('text/html');
      expect(workspace.retryAfter).toBe('5');
      expect(workspace.body).toContain('role="alert"');
      for (const answer of [api, oembed]) {
        expect(answer.status, answer.body).toBe(503);
        expect(answer.type).toContain('application/json');
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'storage_unavailable' } });
      }
      expect(embed.status).toBe(200);
      expect(embed.type).toContain('text/html');
    } finally {
      dynamo.resume();
    }
    expect((await get('/api/posts')).status).toBe(200);
    expect(exited).toBeNull();
  }, 30_000);
});
