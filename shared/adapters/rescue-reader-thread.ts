import { Worker } from 'node:worker_threads';
import type { FindOptions, FindResult } from '../rescue/find-embeds.js';
import type { ArticleFormat, FoundEmbed } from '../rescue/types.js';

export interface ReadRequest {
  readonly id: number;
  readonly article: string;
  readonly format: ArticleFormat;
  /** ISO time: a Date crosses the thread boundary as one, but the reader's clock is the service's. */
  readonly now: string;
  readonly options: FindOptions;
}

/**
 * Found embeds cross as JSON text, this many a part. A structured clone of the 20,000 an article
 * may hold took the request thread 65–115 ms to receive in one piece (2026-12, loaded machine);
 * the parts are parsed one a turn, each a few milliseconds.
 */
export const EMBEDS_PER_PART = 500;

/** The thread's first message: its module has loaded and it reads from now on. */
export const READY = { ready: true } as const;

export type ReadReply =
  | { readonly id: number; readonly ok: true; readonly result: Omit<FindResult, 'embeds'>; readonly parts: readonly string[] }
  | { readonly id: number; readonly ok: false; readonly message: string };

export interface ReaderThreadOptions {
  /**
   * The thread's old-space limit: an article that needs more fails alone. Every adversarial 5 MB
   * article the tests know reads within 128 MB (2026-12); 512 leaves the Lambda function's
   * 1,536 MB room for the request thread's body and answer.
   */
  readonly heapLimitMb?: number;
  /**
   * A read that takes longer fails alone and its thread is stopped; the reads waiting behind it go
   * to a new one. The worst 5 MB article takes under 2 s, so only a fault in the reader gets here.
   * The time counts from when the read is handed to a loaded thread, not while it waits its turn.
   */
  readonly readTimeoutMs?: number;
}

interface Job {
  readonly id: number;
  readonly request: ReadRequest;
  readonly resolve: (result: FindResult) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Reads articles on a thread of its own (shared/adapters/rescue-reader-worker.ts), so a 5 MB
 * article's reading and its garbage collection never hold the event loop that answers other
 * requests (docs/adr/0011-rescue-reads-tokens-once.md). Reads wait their turn here, on the
 * request thread, and the thread is handed one at a time: a read that fails (a fault, a heap
 * beyond its limit, too long) fails alone, and the next one goes to a new thread. The thread starts
 * at the first read and keeps no process alive while idle.
 *
 * The thread runs rescue-reader-worker.ts compiled (functions/api/rescue-reader.ts): `script` gives
 * the module's URL, a file in the Lambda bundle or the compiled module in memory.
 */
export class ReaderThread {
  private thread: Promise<Worker> | null = null;
  /** The thread `thread` gave, while it lives: known at once when it dies, before any promise settles. */
  private live: Worker | null = null;
  private readonly queue: Job[] = [];
  /** The read the thread has now, and what ends it early (a time-out, a dead thread). */
  private current: { job: Job; worker: Worker; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private readonly heapLimitMb: number;
  private readonly readTimeoutMs: number;

  /** @param script the worker's module, asked for at the first read (and again after a failed start). */
  constructor(
    private readonly script: () => Promise<URL>,
    options: ReaderThreadOptions = {},
  ) {
    this.heapLimitMb = options.heapLimitMb ?? 512;
    this.readTimeoutMs = options.readTimeoutMs ?? 30_000;
  }

  read(article: string, format: ArticleFormat, now: Date, options: FindOptions = {}): Promise<FindResult> {
    return new Promise<FindResult>((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, request: { id, article, format, now: now.toISOString(), options }, resolve, reject });
      void this.pump();
    });
  }

  /** Stops the thread; the read it holds and every read waiting fail. */
  async close(): Promise<void> {
    const stopped = new Error('the rescue reader stopped: closed');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    const thread = this.thread;
    this.thread = null;
    this.live = null;
    this.endCurrent(stopped);
    if (thread) await (await thread.catch(() => null))?.terminate();
  }

  /** Hands the next waiting read to the thread, once the thread is free (and started). */
  private async pump(): Promise<void> {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue[0] as Job;
    let worker: Worker;
    try {
      worker = await this.started();
    } catch (error) {
      // The read that asked for the start fails; the next one asks again.
      if (this.queue[0] === job) this.queue.shift();
      job.reject(error instanceof Error ? error : new Error(String(error)));
      return this.pump();
    }
    // Another pump may have handed a read meanwhile, or close() emptied the queue.
    if (this.current || this.queue[0] !== job) return;
    this.queue.shift();
    const timer = setTimeout(() => {
      this.stopThread(worker);
      this.endCurrent(new Error(`the rescue reader took longer than ${this.readTimeoutMs} ms; its thread was stopped`));
    }, this.readTimeoutMs);
    timer.unref();
    this.current = { job, worker, timer };
    worker.ref();
    try {
      worker.postMessage(job.request);
    } catch (error) {
      this.endCurrent(
        new Error(`the rescue reader could not be given the article: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  /** Ends the read in hand with `error` (a result ends it in the message handler) and hands over the next. */
  private endCurrent(error: Error): void {
    const current = this.current;
    if (!current) return;
    this.current = null;
    clearTimeout(current.timer);
    current.worker.unref();
    current.job.reject(error);
    void this.pump();
  }

  /** Forgets `worker` as the thread (the next read starts another) and stops it. */
  private stopThread(worker: Worker): void {
    this.forget(worker);
    void worker.terminate();
  }

  private forget(worker: Worker): void {
    if (this.live !== worker) return;
    this.live = null;
    this.thread = null;
  }

  private started(): Promise<Worker> {
    if (this.thread) return this.thread;
    const thread: Promise<Worker> = this.script()
      .then((url) => this.start(url))
      .catch((error: unknown) => {
        if (this.thread === thread) this.thread = null;
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          message.startsWith('the rescue reader could not start') ? message : `the rescue reader could not start: ${message}`,
          {
            cause: error,
          },
        );
      });
    this.thread = thread;
    return thread;
  }

  /** A thread, once its module has loaded (it says so first). */
  private start(url: URL): Promise<Worker> {
    return new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(url, {
        resourceLimits: { maxOldGenerationSizeMb: this.heapLimitMb },
        stdout: false,
        stderr: false,
      });
      let loaded = false;
      worker.unref();
      worker.on('message', (reply: ReadReply | typeof READY) => {
        if ('ready' in reply) {
          loaded = true;
          this.live = worker;
          resolve(worker);
          return;
        }
        const current = this.current;
        if (!current || current.worker !== worker || current.job.id !== reply.id) return;
        this.current = null;
        clearTimeout(current.timer);
        worker.unref();
        if (reply.ok) parsedInTurns(reply.result, reply.parts).then(current.job.resolve, current.job.reject);
        else current.job.reject(new Error(`the rescue reader failed: ${reply.message}`));
        void this.pump();
      });
      const died = (error: Error) => {
        this.forget(worker);
        if (!loaded) reject(new Error(`the rescue reader could not start: ${error.message}`, { cause: error }));
        if (this.current?.worker === worker) this.endCurrent(error);
      };
      worker.on('error', (error) => died(new Error(`the rescue reader stopped: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => died(new Error(`the rescue reader stopped (exit code ${code})`)));
    });
  }
}

/** The found embeds back from their JSON parts, one part a turn of the event loop. */
async function parsedInTurns(result: Omit<FindResult, 'embeds'>, parts: readonly string[]): Promise<FindResult> {
  const embeds: FoundEmbed[] = [];
  for (const [i, part] of parts.entries()) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const embed of JSON.parse(part) as FoundEmbed[]) embeds.push(embed);
  }
  return { ...result, embeds };
}
