/**
 * `npm run bench`: capture cost against the image work it cannot avoid, and the embed page's
 * weight. Prints figures, with a timeline of each capture's stages read from its HTTP requests
 * (upstream, S3, DynamoDB); goals are shown beside them, not asserted.
 *
 *   BENCH_RUNS=9 npx tsx test/bench/capture.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { API_NODE_FLAGS } from '../../functions/api/node-flags.js';
import { processImage } from '../../shared/adapters/image-processing.js';
import { DEFAULT_VARIANT, renderEmbedPage } from '../../shared/embed/index.js';
import { startHarness } from '../support/harness.js';
import { photograph } from '../support/photograph.js';
import { StorageServer } from '../support/storage-child.js';
import { cpuMs, kb, median, ms, row } from './stats.js';

// The capture runs in this process: it gets the V8 flags the API function runs with, however the
// bench was started (the flags stay in execArgv, so the run below does not start again).
const missing = API_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
if (missing.length > 0) {
  const run = spawnSync(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

/**
 * A caption as Instagram posts carry them: sentences, mentions and hashtags, 459 characters,
 * which the search index holds as about 75 items (three batch writes).
 */
const CAPTION =
  'Morning light over the harbour before the ferries start running. We walked the old sea wall from the lighthouse to the fish market, ' +
  'where the first boats were unloading crates of mackerel and the gulls were already arguing over scraps. Thank you @harbour.collective ' +
  'for the tour and @kaffe.kai for the best cardamom bun in town. Back next spring! #harbour #sunrise #travelphotography #nordicliving ' +
  '#seaside #morningwalk #lighthouse #fishmarket #slowtravel #visitnorway';
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
/** `BENCH_TRACE=1` also prints every request of each placement's last capture, with its start and end. */
const TRACE = process.env.BENCH_TRACE === '1';

const SHORTCODE_BASE = 'BenchPost';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One outgoing HTTP request of a capture, in ms from the capture's start. */
interface Exchange {
  readonly what: string;
  readonly start: number;
  end: number;
}

// Every request the process makes (upstream fetches and the SDK alike go through node:http).
let exchanges: Exchange[] | null = null;
let origin = 0;
const clientOf = new WeakMap<ClientRequest, Exchange>();
subscribe('http.client.request.start', (message) => {
  if (!exchanges) return;
  const { request } = message as { request: ClientRequest };
  const exchange: Exchange = { what: describeRequest(request), start: performance.now() - origin, end: Number.NaN };
  exchanges.push(exchange);
  clientOf.set(request, exchange);
});
subscribe('http.client.response.finish', (message) => {
  const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
  const exchange = clientOf.get(request);
  if (!exchange) return;
  const ended = (): void => {
    exchange.end = performance.now() - origin;
  };
  if (response.complete) ended();
  else response.once('end', ended);
});

function describeRequest(request: ClientRequest): string {
  const target = request.getHeader('x-amz-target');
  if (typeof target === 'string') return `dynamodb ${target.split('.').pop()}`;
  const path = request.path.split('?')[0]!;
  if (request.getHeader('x-upstream-host')) {
    return path.startsWith('/v/') ? 'upstream image' : path.endsWith('/embed/captioned/') ? 'upstream embed page' : 'upstream post page';
  }
  const key = path.split('/').slice(2).join('/');
  if (key.startsWith('media/')) return key.includes('/original.') ? 's3 media original' : 's3 media variant';
  if (key.startsWith('evidence/')) return 's3 evidence';
  if (key.startsWith('embed/')) return 's3 embed page';
  return `s3 ${request.method} ${key}`;
}

/** The milestones of one capture, each the time (ms from its start) a stage was over. */
function milestones(list: readonly Exchange[], total: number): Record<string, number> {
  const of = (what: string) => list.filter((e) => e.what === what);
  const last = (items: readonly Exchange[], at: 'start' | 'end') => Math.max(...items.map((e) => e[at]));
  const first = (items: readonly Exchange[], at: 'start' | 'end') => Math.min(...items.map((e) => e[at]));
  const image = of('upstream image');
  const variants = of('s3 media variant');
  const media = [...variants, ...of('s3 media original')];
  // The search items go out while the images are encoded; the record and its journal after the last one.
  const record = list.filter((e) => e.what.startsWith('dynamodb') && e.start > last(variants, 'start'));
  return {
    'upstream pages fetched': last([...of('upstream embed page'), ...of('upstream post page')], 'end'),
    'image fetched': last(image, 'end'),
    'evidence uploaded': last(of('s3 evidence'), 'end'),
    'search items written': last(of('dynamodb BatchWriteItem'), 'end'),
    'first variant encoded (its upload starts)': first(variants, 'start'),
    'last variant encoded': last(variants, 'start'),
    'media uploaded (original and variants)': last(media, 'end'),
    'record write starts': first(record, 'start'),
    'embed pages uploaded': last(of('s3 embed page'), 'end'),
    'record and journal written': last(record, 'end'),
    'answered 201': total,
  };
}

/**
 * CPU time (ms) the main thread has used so far: the first field of its schedstat, in
 * nanoseconds. The other threads' (sharp's libuv and libvips workers, V8's helpers) is the
 * process's CPU less this, which keeps the time of a thread that ended meanwhile.
 */
function mainThreadCpuMs(): number {
  return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

/** utime + stime of a /proc stat line, in ms; the process name may hold ") ", so fields start after the last ")". */
function cpuOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (10 ms ticks). */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  return cpuOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/**
 * Where the bench's processes run. In Lambda the API function gets CPU in proportion to its
 * memory (1,769 MB is one vCPU; the API function's 1,536 MB is 0.87 of one), so sharp cannot
 * spread over two cores there, and S3 and DynamoDB run on machines of their own. On this machine
 * sharp alone keeps most of both cores busy and the two storage servers take the same cores, so
 * the comparison is made in two placements that take turns pair by pair: every process free to
 * use every core, and as in Lambda, this process (the capture and sharp alone) on one core and
 * the storage servers on the others. The fake Instagram serves from this process, so its work
 * falls on the capture's core.
 */
interface Placement {
  /** Part of the series' shortcodes, so no capture of one series finds the other's post. */
  readonly tag: string;
  readonly title: string;
  /** Whether the goal applies: only where the storage servers do not take the capture's cores. */
  readonly asInLambda: boolean;
  apply(): void;
}

interface Series {
  readonly placement: Placement;
  readonly captures: number[];
  readonly sharpAlone: number[];
  readonly captureCpu: number[];
  readonly sharpCpu: number[];
  /** The capture's main thread, and every other thread of the process, during each capture. */
  readonly captureMain: number[];
  readonly captureOthers: number[];
  /** Every thread but the main one during each run of sharp alone. */
  readonly sharpOthers: number[];
  readonly stages: Record<string, number>[];
  readonly storageCpu: { s3: number; dynamodb: number };
  /** The last capture's requests, kept under BENCH_TRACE=1. */
  trace?: readonly Exchange[];
}

/**
 * Sets the cores every thread of a process may run on (taskset, from util-linux). taskset lists
 * the threads first and fails on one that ended before it got to it, so that failure is tried
 * again: the next listing no longer holds the thread.
 */
function pin(pid: number, cpus: string): void {
  for (let attempt = 1; ; attempt += 1) {
    const run = spawnSync('taskset', ['--all-tasks', '--pid', '--cpu-list', cpus, String(pid)], { encoding: 'utf8' });
    if (run.status === 0) return;
    if (attempt < 5 && /No such process/.test(run.stderr)) continue;
    throw new Error(`taskset could not place process ${pid} on cores ${cpus}: ${run.stderr || run.error?.message}`);
  }
}

/** The cores this process may run on (`Cpus_allowed_list` of /proc/self/status: "0-1", "4,6-7"). */
function allowedCores(): number[] {
  const list = /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
  return list.split(',').flatMap((part) => {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) return [];
    const from = Number(range[1]);
    return Array.from({ length: Number(range[2] ?? from) - from + 1 }, (_, i) => from + i);
  });
}

/** Both placements where this process may use two cores or more and taskset is there; the first alone otherwise. */
function machinePlacements(capture: number, storage: readonly number[]): Placement[] {
  const cores = allowedCores();
  const all = cores.join(',');
  const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
  const shared: Placement = {
    tag: 'S',
    title:
      cores.length > 1
        ? `every process free to use all ${cores.length} cores, as this machine is`
        : 'every process on the one core this process may use',
    asInLambda: false,
    apply: () => {
      if (cores.length > 1 && hasTaskset) for (const pid of [capture, ...storage]) pin(pid, all);
    },
  };
  if (cores.length < 2 || !hasTaskset) {
    console.log(`(one placement only: ${cores.length < 2 ? 'this process may use one core' : 'taskset (util-linux) is not installed'})`);
    return [shared];
  }
  const [own, ...rest] = cores;
  const lambda: Placement = {
    tag: 'L',
    title: `as in Lambda: this process (the capture, and sharp alone) on core ${own}, S3 and DynamoDB on core${rest.length > 1 ? 's' : ''} ${rest.join(',')}`,
    asInLambda: true,
    apply: () => {
      pin(capture, String(own));
      for (const pid of storage) pin(pid, rest.join(','));
    },
  };
  return [shared, lambda];
}

function printSeries(figures: Series): void {
  const { placement } = figures;
  const capture = median(figures.captures);
  const alone = median(figures.sharpAlone);
  const pairs = figures.captures.map((c, i) => c / figures.sharpAlone[i]!);
  console.log(`\n${placement.title}`);
  console.log('  capture stages, ms from the request (median of each milestone):');
  for (const name of Object.keys(figures.stages[0]!)) console.log(row(`    ${name}`, ms(median(figures.stages.map((s) => s[name]!)))));
  console.log(row('  capture end to end (fetch, extract, sharp, S3, DynamoDB, embed)', ms(capture)));
  // Per capture, not the difference of two medians: what the answer waits for once sharp is done.
  const tails = figures.stages.map((s) => s['answered 201']! - s['last variant encoded']!);
  console.log(row('  after the last variant is encoded (median per capture)', ms(median(tails))));
  if (figures.trace) {
    console.log('  every request of the last capture, ms from the request (start → end):');
    for (const e of figures.trace)
      console.log(`    ${e.what.padEnd(28)} ${e.start.toFixed(1).padStart(7)} → ${e.end.toFixed(1).padStart(7)}`);
  }
  console.log(row('  sharp alone: the same variants of the same image', ms(alone)));
  console.log(
    row(
      '  wall: capture / sharp alone',
      `${(capture / alone).toFixed(2)}`,
      placement.asInLambda ? 'goal ≤ 1.15' : 'no goal: the storage servers take sharp’s cores here',
    ),
  );
  // Each capture beside the sharp alone run next to it: how far this machine's noise spreads one pair.
  console.log(row('  the same, pair by pair: lowest–highest', `${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)}`));
  // CPU of this process only (storage runs elsewhere): steadier than wall time on a busy machine.
  console.log(
    row(
      '  CPU: capture / sharp alone (this process)',
      `${(median(figures.captureCpu) / median(figures.sharpCpu)).toFixed(2)}`,
      `${ms(median(figures.captureCpu))} / ${ms(median(figures.sharpCpu))}`,
    ),
  );
  // Whether sharp works longer inside a capture than alone, and what the capture's own thread costs.
  console.log(
    row(
      '  CPU of the other threads: capture / sharp alone',
      `${ms(median(figures.captureOthers))} / ${ms(median(figures.sharpOthers))}`,
      'all but the main thread: sharp’s workers, V8’s helpers',
    ),
  );
  console.log(row('  CPU of the main thread per capture', ms(median(figures.captureMain))));
  // How much of its cores sharp alone leaves free: every other millisecond of CPU on them during a
  // capture (this process's own work, and here the storage servers') lengthens the capture.
  console.log(row('  cores sharp alone keeps busy (CPU / wall)', `${(median(figures.sharpCpu) / alone).toFixed(2)}`));
  console.log(
    row(
      '  CPU of the storage servers per capture (mean)',
      ms((figures.storageCpu.s3 + figures.storageCpu.dynamodb) / RUNS),
      `S3 ${ms(figures.storageCpu.s3 / RUNS)}, DynamoDB ${ms(figures.storageCpu.dynamodb / RUNS)}`,
    ),
  );
}

// S3 and DynamoDB each run in a process of their own (DynamoDB's data in memory, as `npm start`
// keeps it), as they are two remote services in AWS: their CPU is not the capture's, and neither
// waits behind the other's requests. Their CPU is measured all the same: in the first placement
// it competes with sharp for the same cores.
const scratch = mkdtempSync(join(tmpdir(), 'postkeep-bench-'));
const [s3, dynamodb] = await Promise.all([
  new StorageServer('s3', join(scratch, 's3')).start(),
  new StorageServer('dynamodb-memory', '').start(),
]);
const h = await startHarness({ AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint });
try {
  const image = await photograph(1080, 1350, 'bench');
  // Warm both paths once so neither pays module loading, the first sharp start-up or the first
  // connections to the storage servers.
  await processImage(image);
  h.fake.addPost(
    {
      shortcode: 'BenchWarmx',
      handle: 'bench.user',
      name: 'Bench User',
      caption: 'warm-up',
      items: [{ type: 'image', width: 1080, height: 1350, path: '/v/bench-warm.jpg' }],
    },
    'photograph',
  );
  await photograph(1080, 1350, '/v/bench-warm.jpg');
  const warm = await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/BenchWarmx/' });
  if (warm.status !== 201) throw new Error(`the warm-up capture answered ${warm.status}: ${await warm.text()}`);

  // Every image is made before the first run: making one is half a second of JavaScript and
  // megabytes of garbage that would otherwise be collected during whichever run came next.
  const images: Buffer[] = [];
  for (let i = 0; i < RUNS; i += 1) images.push(await photograph(1080, 1350, `/v/bench-${i}.jpg`));

  const placements = machinePlacements(process.pid, [s3.pid!, dynamodb.pid!]);
  const measured: Series[] = placements.map((placement) => ({
    placement,
    captures: [],
    sharpAlone: [],
    captureCpu: [],
    sharpCpu: [],
    captureMain: [],
    captureOthers: [],
    sharpOthers: [],
    stages: [],
    storageCpu: { s3: 0, dynamodb: 0 },
  }));
  /** One capture beside sharp alone on the same image, with the processes placed as `figures` says. */
  const pair = async (figures: Series, i: number): Promise<void> => {
    figures.placement.apply();
    // Each capture is a new post (a new shortcode) with its own image; the placements capture the
    // same images, so their media keys are the same, and a new post encodes and uploads them all the same.
    const shortcode = `${SHORTCODE_BASE}${figures.placement.tag}${ALPHABET[i % 26]}${ALPHABET[Math.floor(i / 26) % 26]}x`;
    h.fake.addPost(
      {
        shortcode,
        handle: 'bench.user',
        name: 'Bench User',
        caption: CAPTION,
        items: [{ type: 'image', width: 1080, height: 1350, path: `/v/bench-${i}.jpg` }],
      },
      'photograph',
    );
    // The fake serves the image made above (photograph() caches it), so making it is not timed.
    const bytes = images[i]!;
    // Every reading is taken before the clock starts and after it stops.
    const runCapture = async () => {
      const storageBefore = { s3: processCpuMs(s3.pid), dynamodb: processCpuMs(dynamodb.pid) };
      const main = mainThreadCpuMs();
      const cpu = process.cpuUsage();
      exchanges = [];
      origin = performance.now();
      const res = await h.api('POST', '/api/posts', { url: `https://www.instagram.com/p/${shortcode}/` });
      const total = performance.now() - origin;
      const used = cpuMs(process.cpuUsage(cpu));
      const mainUsed = mainThreadCpuMs() - main;
      if (res.status !== 201) throw new Error(`capture answered ${res.status}: ${await res.text()}`);
      figures.captures.push(total);
      figures.captureCpu.push(used);
      figures.captureMain.push(mainUsed);
      figures.captureOthers.push(used - mainUsed);
      figures.storageCpu.s3 += processCpuMs(s3.pid) - storageBefore.s3;
      figures.storageCpu.dynamodb += processCpuMs(dynamodb.pid) - storageBefore.dynamodb;
      figures.stages.push(milestones(exchanges, total));
      if (TRACE && i === RUNS - 1) figures.trace = exchanges;
      exchanges = null;
    };
    const runAlone = async () => {
      const main = mainThreadCpuMs();
      const cpu = process.cpuUsage();
      const started = performance.now();
      await processImage(bytes);
      figures.sharpAlone.push(performance.now() - started);
      const used = cpuMs(process.cpuUsage(cpu));
      figures.sharpCpu.push(used);
      figures.sharpOthers.push(used - (mainThreadCpuMs() - main));
    };
    // Alternate which goes first, so neither always runs just after the other's leftovers.
    if (i % 2 === 0) {
      await runCapture();
      await runAlone();
    } else {
      await runAlone();
      await runCapture();
    }
  };
  // The placements take turns pair by pair, each going first every other time, so a slow spell
  // of the machine or a warmer process falls on both alike.
  const loadBefore = loadavg()[0]!;
  for (let i = 0; i < RUNS; i += 1) {
    for (const figures of i % 2 === 0 ? measured : [...measured].reverse()) await pair(figures, i);
  }
  const loadAfter = loadavg()[0]!;
  placements[0]!.apply();

  const caption = 'Golden hour on the pier. '.repeat(12).slice(0, 300);
  h.fake.addPost({
    shortcode: 'BenchCapZZx',
    handle: 'bench.user',
    name: 'Bench User',
    caption,
    items: [{ type: 'image', width: 1080, height: 1350, path: '/v/bench-caption.jpg' }],
  });
  const post = (await (await h.api('POST', '/api/posts', { url: 'https://www.instagram.com/p/BenchCapZZx/' })).json()) as { id: string };
  const record = await h.deps.posts.get(post.id);
  const page = renderEmbedPage(record!, { baseUrl: 'https://postkeep.example.com', variant: DEFAULT_VARIANT });
  const raw = Buffer.byteLength(page);
  const brotli = brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

  console.log(
    `postkeep capture benchmark (median of ${RUNS} runs; a photograph-like 1080×1350 JPEG of ${kb(median(images.map((i) => i.length)))} synthesized by test/support/photograph.ts; fake Instagram on loopback; S3 and DynamoDB each in a process of its own; node ${API_NODE_FLAGS.join(' ')} as the API function runs; the placements take turns pair by pair; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after)`,
  );
  for (const figures of measured) printSeries(figures);
  // What one object write costs this process, through the SDK and through the signed writer the
  // capture uses (docs/adr/0018-captures-write-objects-without-the-sdk.md): 50 sequential embed pages each.
  const putCpu = async (put: (key: string) => Promise<unknown>): Promise<number> => {
    for (let j = 0; j < 5; j += 1) await put(`bench/warm-${j}.html`);
    const cpu = process.cpuUsage();
    for (let j = 0; j < 50; j += 1) await put(`bench/page-${j}.html`);
    return cpuMs(process.cpuUsage(cpu)) / 50;
  };
  const pageObject = { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' };
  const bySdk = await putCpu((key) =>
    h.clients.s3.send(
      new PutObjectCommand({
        Bucket: h.config.bucket,
        Key: key,
        Body: page,
        ContentType: pageObject.contentType,
        CacheControl: pageObject.cacheControl,
      }),
    ),
  );
  const byWriter = await putCpu((key) => h.clients.s3Writer.put({ key, body: page, ...pageObject }));
  console.log(
    row('CPU of one 6 KB PutObject: SDK / signed writer', `${bySdk.toFixed(2)} ms / ${byWriter.toFixed(2)} ms`, 'mean of 50 each'),
  );
  console.log(row('embed page, 300-character caption, raw', kb(raw)));
  console.log(row('embed page, 300-character caption, brotli', kb(brotli), 'goal ≤ 3 KB'));
} finally {
  await h.stop();
  await Promise.all([s3.stop(), dynamodb.stop()]);
  rmSync(scratch, { recursive: true, force: true });
}
