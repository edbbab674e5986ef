import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { buildAwsClients } from '../../shared/adapters/aws-clients.js';
import { ensureStorage } from '../../shared/adapters/provision.js';
import { loadConfig, withConfig } from '../../shared/config.js';
import { PostkeepError } from '../../shared/errors.js';
import { buildLogger } from '../http/logger.js';
import { buildDeps } from '../wiring.js';
import { loadOrCreateLocalKey } from './api-key-file.js';
import { startEmbeddedServers } from './embedded-servers.js';
import { createLocalApp } from './local-app.js';

/**
 * `npm start`: the whole service on one port with embedded S3- and DynamoDB-compatible servers
 * whose data lives in DATA_DIR and survives restarts (docs/contract.md, commands).
 */
async function main(): Promise<void> {
  let config = loadConfig();
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });

  let embedded: Awaited<ReturnType<typeof startEmbeddedServers>> | null = null;
  if (!config.s3Endpoint || !config.dynamoEndpoint) {
    embedded = await startEmbeddedServers(dataDir, dataDir);
    config = withConfig(config, { s3Endpoint: embedded.s3Endpoint, dynamoEndpoint: embedded.dynamoEndpoint });
  }
  let key: ReturnType<typeof loadOrCreateLocalKey> | null = null;
  if (config.apiKeyHashes.length === 0) {
    key = loadOrCreateLocalKey(dataDir);
    config = withConfig(config, { apiKeyHashes: [key.hash] });
  }

  const log = buildLogger(config.logLevel);
  // A backstop, not the error handling: every promise is handled where it is made, and a slip
  // is logged here instead of ending the process (Node's default) for every reader at once.
  process.on('unhandledRejection', (reason: unknown) => {
    log.error('unhandled rejection', { code: 'internal', error: reason instanceof Error ? reason : String(reason) });
  });

  const clients = buildAwsClients(config);
  await ensureStorage(clients, config);
  const deps = buildDeps(config, clients, { log });
  const app = createLocalApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' }, (info) => {
    const lines = [`postkeep is running on http://127.0.0.1:${info.port}`, `  public base URL: ${config.publicBaseUrl}`];
    lines.push(embedded ? `  data: ${dataDir} (embedded S3 and DynamoDB)` : `  storage: ${config.s3Endpoint} and ${config.dynamoEndpoint}`);
    if (config.instagramOrigin) lines.push(`  Instagram requests go to ${config.instagramOrigin} (INSTAGRAM_ORIGIN)`);
    if (key?.createdKey) {
      lines.push(`  admin API key (shown once; only its digest is kept in ${key.file}):`, `    ${key.createdKey}`);
    } else if (key) {
      lines.push(`  admin API key: the one printed when ${key.file} was created (delete that file for a new one)`);
    }
    console.log(lines.join('\n'));
  });

  // In AWS an hourly schedule does this (infra/functions); locally, a timer in this process.
  const recheck =
    config.recheckIntervalMinutes > 0
      ? setInterval(() => {
          deps.service
            .recheckDue({ maxAgeMs: config.recheckMaxAgeHours * 3_600_000, limit: config.recheckBatch })
            .then((summary) => summary.checked > 0 && log.info('re-check done', { ...summary }))
            .catch((error: unknown) =>
              log.error('re-check failed', { code: error instanceof PostkeepError ? error.code : 'internal', error: String(error) }),
            );
        }, config.recheckIntervalMinutes * 60_000)
      : null;

  const stop = async (): Promise<void> => {
    if (recheck) clearInterval(recheck);
    server.close();
    await embedded?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
