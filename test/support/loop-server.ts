import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPT = join(ROOT, 'test/support/loop-server-process.ts');

/** How long the served process's event loop was held at most since the last reset. */
export interface LoopReport {
  /** Wall time (monitorEventLoopDelay, 5 ms resolution): grows with the machine's load. */
  readonly maxMs: number;
  readonly p99Ms: number;
  /** The most CPU time the process spent between two ticks of a 1 ms timer: the work done without a turn. */
  readonly maxCpuMs: number;
}

export interface LoopServer {
  readonly url: string;
  reset(): Promise<void>;
  report(): Promise<LoopReport>;
  stop(): Promise<void>;
}

/** The service over HTTP in a child process whose event loop is watched (test/support/loop-server-process.ts). */
export async function startLoopServer(): Promise<LoopServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr?.resume();
  const answers: unknown[] = [];
  const waiting: Array<(value: unknown) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const value: unknown = JSON.parse(line);
    const next = waiting.shift();
    if (next) next(value);
    else answers.push(value);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`the served process exited with ${code ?? signal}`)));
  });
  exited.catch(() => {});
  const answer = <T>(): Promise<T> =>
    Promise.race([
      new Promise<T>((resolve) => (answers.length > 0 ? resolve(answers.shift() as T) : waiting.push(resolve as never))),
      exited,
    ]);
  const { url } = await answer<{ url: string }>();
  const ask = async <T>(command: string): Promise<T> => {
    child.stdin!.write(`${command}\n`);
    return answer<T>();
  };
  return {
    url,
    reset: async () => {
      await ask('reset');
    },
    report: () => ask<LoopReport>('report'),
    stop: async () => {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin!.end();
      await gone;
    },
  };
}
