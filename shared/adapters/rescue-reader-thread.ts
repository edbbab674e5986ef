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

interface Thread {
  readonly worker: Worker;
  /** The reads this thread holds: when it dies, these fail, and no later thread's. */
  readonly pending: Map<number, { resolve: (result: FindResult) => void; reject: (error: Error) => void }>;
}

export interface ReaderThreadOptions {
  /**
   * The thread's old-space limit: an article that needs more fails alone. Every adversarial 5 MB
   * article the tests know reads within 128 MB (2026-12); 512 leaves the Lambda function's
   * 1,536 MB room for the request thread's body and answer.
   */
  readonly heapLimitMb?: number;
  /**
   * A read that takes longer fails, and its thread is stopped (the next read starts another): the
   * worst 5 MB article takes under 2 s, so only a fault in the reader gets here, and it must not
   * hold every later rescue behind it.
   */
  readonly readTimeoutMs?: number;
}

/**
 * Reads articles on a thread of its own (shared/adapters/rescue-reader-worker.ts), one at a time, so a 5
 * MB article's reading and its garbage collection never hold the event loop that answers other
 * requests (docs/adr/0011-rescue-reads-tokens-once.md). The thread starts at the first read and
 * does not keep the process alive while idle. If it dies (a fault, a heap beyond its limit), the
 * reads it held fail with a clear error and the next read starts a new one.
 *
 * The thread runs rescue-reader-worker.ts compiled (functions/api/rescue-reader.ts): `script` gives the
 * module's URL, a file in the Lambda bundle or the compiled module in memory.
 */

export class ReaderThread {
  private thread: Promise<Thread> | null = null;
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

  async read(article: string, format: ArticleFormat, now: Date, options: FindOptions = {}): Promise<FindResult> {
    const thread = this.started();
    const { worker, pending } = await thread;
    const id = this.nextId++;
    return new Promise<FindResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the rescue reader took longer than ${this.readTimeoutMs} ms; its thread was stopped`));
        // The next read starts a new thread rather than queue behind this one's end.
        if (this.thread === thread) this.thread = null;
        void worker.terminate();
      }, this.readTimeoutMs);
      timer.unref();
      const settle = { resolve, reject };
      pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          settle.resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          settle.reject(error);
        },
      });
      worker.ref();
      const request: ReadRequest = { id, article, format, now: now.toISOString(), options };
      worker.postMessage(request);
    });
  }

  /** Stops the thread; reads still waiting fail. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    if (thread) await (await thread.catch(() => null))?.worker.terminate();
  }

  private started(): Promise<Thread> {
    if (this.thread) return this.thread;
    const thread: Promise<Thread> = this.script().then(
      (url) =>
        this.start(url, () => {
          if (this.thread === thread) this.thread = null;
        }),
      (error: unknown) => {
        this.thread = null;
        throw new Error(`the rescue reader could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      },
    );
    this.thread = thread;
    return thread;
  }

  /** A thread, once its module has loaded (it says so first): a read's time starts there, not at its start-up. */
  private start(url: URL, forget: () => void): Promise<Thread> {
    const worker = new Worker(url, {
      resourceLimits: { maxOldGenerationSizeMb: this.heapLimitMb },
      stdout: false,
      stderr: false,
    });
    const pending: Thread['pending'] = new Map();
    let ready: { resolve: (thread: Thread) => void; reject: (error: Error) => void } | null = null;
    const loaded = new Promise<Thread>((resolve, reject) => {
      ready = { resolve, reject };
    });
    worker.unref();
    worker.on('message', (reply: ReadReply | typeof READY) => {
      if ('ready' in reply) {
        ready?.resolve({ worker, pending });
        ready = null;
        return;
      }
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if (reply.ok) parsedInTurns(reply.result, reply.parts).then(waiting.resolve, waiting.reject);
      else waiting.reject(new Error(`the rescue reader failed: ${reply.message}`));
    });
    const fail = (error: Error) => {
      forget();
      ready?.reject(new Error(`the rescue reader could not start: ${error.message}`, { cause: error }));
      ready = null;
      const waiting = [...pending.values()];
      pending.clear();
      for (const w of waiting) w.reject(error);
    };
    worker.on('error', (error) => fail(new Error(`the rescue reader stopped: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(new Error(`the rescue reader stopped (exit code ${code})`)));
    return loaded;
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
