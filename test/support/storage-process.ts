/**
 * The embedded S3- and DynamoDB-compatible servers in a process of their own, for benchmarks
 * that should not count the storage servers' CPU as the capture's (in AWS, S3 and DynamoDB are
 * remote). Prints one JSON line with the endpoints, then serves until killed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServers } from '../../functions/local/embedded-servers.js';

const servers = await startEmbeddedServers(null, mkdtempSync(join(tmpdir(), 'postkeep-storage-')));
console.log(JSON.stringify({ s3: servers.s3Endpoint, dynamodb: servers.dynamoEndpoint }));
