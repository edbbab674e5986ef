import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Hono } from 'hono';
import { type EmbeddedServers, startEmbeddedServers } from '../../functions/local/embedded-servers.js';
import { createLocalApp } from '../../functions/local/local-app.js';
import { buildDeps } from '../../functions/wiring.js';
import { type AwsClients, buildAwsClients } from '../../shared/adapters/aws-clients.js';
import { ensureStorage } from '../../shared/adapters/provision.js';
import { type Config, loadConfig } from '../../shared/config.js';
import type { PersonJson, Role } from '../../shared/people/person.js';
import { TestClock } from './clock.js';
import { FakeInstagram } from './fake-instagram.js';

export const API_KEY = 'test-key-7f3a';
export const BASE_URL = 'http://postkeep.test';

export interface Harness {
  readonly app: Hono;
  readonly fake: FakeInstagram;
  readonly config: Config;
  readonly clients: AwsClients;
  readonly deps: ReturnType<typeof buildDeps>;
  /** The service's clock: every record time comes from it. */
  readonly clock: TestClock;
  /** `app.request` with the API key and JSON set. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Adds a person with a role through the admin key; answers the person and their first key. */
  addPerson(role: Role, name?: string): Promise<{ person: PersonJson; key: string }>;
  /** How many objects the bucket and items the table hold: proof that a failure stored nothing. */
  storedCounts(): Promise<{ objects: number; items: number }>;
  stop(): Promise<void>;
}

/**
 * The real service in-process: the AWS SDK against dynalite and s3rver started here, the fetcher
 * against a fake Instagram on loopback. Nothing is stubbed.
 */
export async function startHarness(env: Record<string, string> = {}, clock = new TestClock()): Promise<Harness> {
  const scratch = mkdtempSync(join(tmpdir(), 'postkeep-test-'));
  // Storage servers named by the caller (another process, as S3 is in AWS) or embedded here.
  const servers: EmbeddedServers =
    env.AWS_ENDPOINT_URL_S3 && env.AWS_ENDPOINT_URL_DYNAMODB
      ? { s3Endpoint: env.AWS_ENDPOINT_URL_S3, dynamoEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB, close: async () => {} }
      : await startEmbeddedServers(null, scratch);
  const fake = await new FakeInstagram().start();
  const config = loadConfig({
    POSTKEEP_BUCKET: 'postkeep-test',
    POSTKEEP_TABLE: 'postkeep-test',
    API_KEYS: API_KEY,
    PUBLIC_BASE_URL: BASE_URL,
    INSTAGRAM_ORIGIN: fake.origin,
    // Only the service's own faults reach the test output; expected 4xx/502 answers stay quiet.
    LOG_LEVEL: 'ERROR',
    AWS_ENDPOINT_URL_S3: servers.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamoEndpoint,
    ...env,
  });
  // The production time-outs are made for a store that answers in milliseconds; on a machine
  // shared by many test runs the in-process servers can take seconds, which is slowness, not the
  // outage these tests are about. The fault-injection test runs the service with the real ones.
  const clients = buildAwsClients(config, { connectionTimeoutMs: 5_000, requestTimeoutMs: 20_000, maxAttempts: 2 });
  await ensureStorage(clients, config);
  const deps = buildDeps(config, clients, { now: clock.now });
  const app = createLocalApp(deps);
  return {
    app,
    fake,
    config,
    clients,
    deps,
    clock,
    api: (method, path, body, headers = {}) =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: {
            Authorization: `Bearer ${API_KEY}`,
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        }),
      ),
    async addPerson(role, name = `A ${role}`) {
      const res = await app.request('/api/people', {
        method: 'POST',
        headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, role }),
      });
      if (res.status !== 201) throw new Error(`adding a person answered ${res.status}`);
      return (await res.json()) as { person: PersonJson; key: string };
    },
    async storedCounts() {
      const objects = await clients.s3.send(new ListObjectsV2Command({ Bucket: config.bucket }));
      const items = await clients.dynamo.send(new ScanCommand({ TableName: config.table }));
      return { objects: objects.KeyCount ?? 0, items: items.Count ?? 0 };
    },
    async stop() {
      await deps.rescueReader.close();
      await fake.stop();
      await servers.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
