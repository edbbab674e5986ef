import { buildDynamoClient } from '../../shared/adapters/dynamo-client.js';
import { Journal } from '../../shared/adapters/journal.js';
import { PostTable } from '../../shared/adapters/post-table.js';
import type { Config } from '../../shared/config.js';
import { buildLogger } from '../http/logger.js';
import type { OEmbedDeps } from './app.js';

/** The oEmbed function's own wiring: only the table, so its bundle carries no sharp and no S3 SDK. */
export function buildOEmbedDeps(config: Config): OEmbedDeps {
  const dynamo = buildDynamoClient(config);
  return {
    posts: new PostTable(dynamo, config.table, new Journal(dynamo, config.table)),
    publicBaseUrl: config.publicBaseUrl,
    log: buildLogger(config.logLevel),
  };
}
