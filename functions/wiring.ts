import { type AwsClients, buildAwsClients } from '../shared/adapters/aws-clients.js';
import { processImage } from '../shared/adapters/image-processing.js';
import { ObjectStore } from '../shared/adapters/object-store.js';
import { PostTable } from '../shared/adapters/post-table.js';
import { createUpstreamFetch } from '../shared/adapters/upstream-fetch.js';
import type { Config } from '../shared/config.js';
import { createEmbedPublisher } from '../shared/services/embed-publisher.js';
import { PostService } from '../shared/services/post-service.js';
import { RescueService } from '../shared/services/rescue-service.js';
import type { ApiDeps } from './api/app.js';
import type { OEmbedDeps } from './oembed/app.js';
import type { ReaderDeps } from './reader/app.js';

/** Everything the apps need, built once at start-up from the validated config. */
export function buildDeps(config: Config, clients: AwsClients = buildAwsClients(config)): ApiDeps & OEmbedDeps & ReaderDeps {
  const objects = new ObjectStore(clients.s3, config.bucket);
  const posts = new PostTable(clients.dynamo, config.table);
  const publish = createEmbedPublisher(objects, config.publicBaseUrl);
  const now = (): Date => new Date();
  const service = new PostService({
    fetch: createUpstreamFetch({ origin: config.instagramOrigin }),
    processImage,
    objects,
    posts,
    publish,
    now,
  });
  const rescue = new RescueService({ service, posts, publish, now, publicBaseUrl: config.publicBaseUrl });
  return {
    service,
    rescue,
    posts,
    objects,
    apiKeyHashes: config.apiKeyHashes,
    publicBaseUrl: config.publicBaseUrl,
    publicBaseAliases: config.publicBaseAliases,
  };
}
