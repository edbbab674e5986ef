import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface StorageChild {
  readonly env: { AWS_ENDPOINT_URL_S3: string; AWS_ENDPOINT_URL_DYNAMODB: string };
  stop(): void;
}

/** Starts test/support/storage-process.ts and waits for the endpoints it prints. */
export async function startStorageChild(): Promise<StorageChild> {
  // A process group of its own, so stopping it ends npx, tsx and the servers together.
  const child: ChildProcess = spawn('npx', ['tsx', 'test/support/storage-process.ts'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`storage process exited with ${code}`)));
  });
  const endpoints = JSON.parse(first) as { s3: string; dynamodb: string };
  return {
    env: { AWS_ENDPOINT_URL_S3: endpoints.s3, AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb },
    stop: () => {
      lines.close();
      child.stdout?.destroy();
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    },
  };
}
