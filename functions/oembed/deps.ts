import { buildDynamoClient } from '../../shared/adapters/dynamo-client.js';
import { PostReader } from '../../shared/adapters/post-reader.js';
import type { ReadConfig } from '../../shared/config.js';
import { buildLogger } from '../http/logger.js';
import type { OEmbedDeps } from './app.js';

/**
 * The oEmbed function's own wiring: GetItem on the low-level table client (with the storage
 * time-outs), the one logger, no sharp, no S3, no schema library.
 */
export function buildOEmbedDeps(config: ReadConfig): OEmbedDeps {
  return {
    posts: new PostReader(buildDynamoClient(config), config.table),
    publicBaseUrl: config.publicBaseUrl,
    publicBaseAliases: config.publicBaseAliases,
    log: buildLogger(config.logLevel),
  };
}
