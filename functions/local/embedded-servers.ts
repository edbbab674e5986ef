import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

export interface EmbeddedServers {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  close(): Promise<void>;
}

/**
 * Starts the S3- and DynamoDB-compatible servers in this process, on loopback ports the OS
 * picks, with their data under `dataDir` (or in memory / a temp dir for tests).
 */
export async function startEmbeddedServers(dataDir: string | null, scratchDir: string): Promise<EmbeddedServers> {
  const s3Dir = join(dataDir ?? scratchDir, 's3');
  mkdirSync(s3Dir, { recursive: true });
  let dynamoPath: string | undefined;
  if (dataDir) {
    dynamoPath = join(dataDir, 'dynamodb');
    mkdirSync(dynamoPath, { recursive: true });
  }
  const dynamo: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dynamoPath ? { path: dynamoPath } : {}) });
  await new Promise<void>((resolve, reject) => {
    dynamo.once('error', reject);
    dynamo.listen(0, '127.0.0.1', () => resolve());
  });
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: s3Dir, silent: true });
  const s3Address = await s3.run();
  const dynamoPort = (dynamo.address() as AddressInfo).port;
  return {
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    async close() {
      await s3.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
    },
  };
}
