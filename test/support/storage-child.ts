import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPT = join(ROOT, 'test/support/storage-process.ts');

export interface StorageChild {
  readonly env: { AWS_ENDPOINT_URL_S3: string; AWS_ENDPOINT_URL_DYNAMODB: string };
  stop(): void;
}

/**
 * Runs a script with TypeScript support in a node process of its own (no npx or tsx wrapper in
 * between), so the pid is the process serving: signals reach it, and its exit is the server's.
 */
export function spawnTs(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first line a child prints that parses as JSON, or a rejection when it exits first. */
export async function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  const lines = createInterface({ input: child.stdout! });
  try {
    return await new Promise<T>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line) as T);
      });
      child.once('exit', (code, signal) => reject(new Error(`child exited with ${code ?? signal} before it was ready`)));
    });
  } finally {
    lines.removeAllListeners('line');
  }
}

/** Both storage servers in one child process (benchmarks). */
export async function startStorageChild(): Promise<StorageChild> {
  const child = spawnTs(SCRIPT, []);
  child.stderr?.resume();
  const endpoints = await firstJsonLine<{ s3: string; dynamodb: string }>(child);
  return {
    env: { AWS_ENDPOINT_URL_S3: endpoints.s3, AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb },
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}

/**
 * One storage server (S3 or DynamoDB) in its own process, on a data directory and port that it
 * keeps across a kill and restart: what the fault-injection test stops, kills and brings back.
 */
export class StorageServer {
  private child: ChildProcess | null = null;
  private port = 0;
  endpoint = '';

  /** `dynamodb-memory` keeps its data in memory (benchmarks); it does not survive a restart. */
  constructor(
    readonly kind: 's3' | 'dynamodb' | 'dynamodb-memory',
    private readonly dir: string,
  ) {}

  /** The serving process, while it runs (benchmarks read its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<this> {
    const child = spawnTs(SCRIPT, [this.kind, this.dir, String(this.port)]);
    child.stderr?.resume();
    const { endpoint } = await firstJsonLine<{ endpoint: string }>(child);
    child.stdout?.resume();
    this.child = child;
    this.endpoint = endpoint;
    this.port = Number(new URL(endpoint).port);
    return this;
  }

  /** SIGSTOP: the process keeps its sockets but answers nothing, as a stalled store does. */
  stall(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGKILL: the process dies mid-request, connections reset, nothing is flushed on the way out. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  /** Back on the same port and data directory, as a restarted store would be. */
  async restart(): Promise<void> {
    await this.kill();
    // The port was just freed; on a busy machine the bind can lose a brief race, so try a few times.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.start();
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}
