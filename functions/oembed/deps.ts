import { PostReader } from '../../shared/adapters/post-reader.js';
import { SignedDynamo } from '../../shared/adapters/signed-dynamo.js';
import type { ReadConfig } from '../../shared/config.js';
import { buildLoggerOnFirstLine } from '../http/logger.js';
import type { OEmbedDeps } from './app.js';

/**
 * The oEmbed function's own wiring: GetItem through the SigV4 reader (with the storage time-outs;
 * docs/adr/0017-oembed-reads-without-the-sdk.md), the one logger (built at its first line), no SDK,
 * no sharp, no schema library.
 */
export function buildOEmbedDeps(config: ReadConfig): OEmbedDeps {
  return {
    posts: new PostReader(new SignedDynamo(config), config.table),
    publicBaseUrl: config.publicBaseUrl,
    publicBaseAliases: config.publicBaseAliases,
    log: buildLoggerOnFirstLine(config.logLevel),
  };
}
