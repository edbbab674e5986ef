import { buildAwsClients } from '../../shared/adapters/aws-clients.js';
import { PostTable } from '../../shared/adapters/post-table.js';
import type { Config } from '../../shared/config.js';
import type { OEmbedDeps } from './app.js';

/** The oEmbed function's own wiring: only the table, so its bundle carries no sharp and no S3 writes. */
export function buildOEmbedDeps(config: Config): OEmbedDeps {
  const { dynamo } = buildAwsClients(config);
  return { posts: new PostTable(dynamo, config.table), publicBaseUrl: config.publicBaseUrl };
}
