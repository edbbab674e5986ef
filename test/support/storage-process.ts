/**
 * S3- and DynamoDB-compatible servers in a process of their own, as they are in AWS: for
 * benchmarks that should not count the storage servers' CPU as the capture's, and for the
 * fault-injection test, which stops, kills and restarts each one on its own.
 *
 *   storage-process.ts                         both servers, scratch data; prints {"s3","dynamodb"}
 *   storage-process.ts s3|dynamodb DIR [PORT]  one server on DIR (kept across restarts) and PORT
 *                                              (0: any); prints {"endpoint"}
 *   storage-process.ts dynamodb-memory         DynamoDB alone, its data in memory (as the embedded
 *                                              servers keep it); prints {"endpoint"}
 *
 * Prints one JSON line once listening, then serves until killed.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { startEmbeddedServers } from '../../functions/local/embedded-servers.js';

const [only, dir, port = '0'] = process.argv.slice(2);

if (only === 'dynamodb-memory') {
  console.log(JSON.stringify({ endpoint: await startDynamo(null, Number(port)) }));
} else if (only === 's3' || only === 'dynamodb') {
  if (!dir) throw new Error('storage-process: a data directory is required');
  mkdirSync(dir, { recursive: true });
  console.log(JSON.stringify({ endpoint: only === 's3' ? await startS3(dir, Number(port)) : await startDynamo(dir, Number(port)) }));
} else {
  const servers = await startEmbeddedServers(null, mkdtempSync(join(tmpdir(), 'postkeep-storage-')));
  console.log(JSON.stringify({ s3: servers.s3Endpoint, dynamodb: servers.dynamoEndpoint }));
}

async function startS3(directory: string, wanted: number): Promise<string> {
  const s3 = new S3rver({ address: '127.0.0.1', port: wanted, directory, silent: true });
  const address = await s3.run();
  return `http://127.0.0.1:${address.port}`;
}

async function startDynamo(path: string | null, wanted: number): Promise<string> {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
