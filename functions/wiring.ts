import { type AwsClients, buildAwsClients } from '../shared/adapters/aws-clients.js';
import { processImage } from '../shared/adapters/image-processing.js';
import { Journal } from '../shared/adapters/journal.js';
import { ObjectStore } from '../shared/adapters/object-store.js';
import { PeopleTable } from '../shared/adapters/people-table.js';
import { PostTable } from '../shared/adapters/post-table.js';
import { systemRandom } from '../shared/adapters/random.js';
import { SearchIndex } from '../shared/adapters/search-index.js';
import { SessionTable } from '../shared/adapters/session-table.js';
import { createUpstreamFetch } from '../shared/adapters/upstream-fetch.js';
import type { Config } from '../shared/config.js';
import { Access } from '../shared/services/access.js';
import { createEmbedPublisher } from '../shared/services/embed-publisher.js';
import { PostService } from '../shared/services/post-service.js';
import { RescueService } from '../shared/services/rescue-service.js';
import type { ApiDeps } from './api/app.js';
import { buildWorkspaceAssets, type WorkspaceAssets } from './app/assets.js';
import type { OEmbedDeps } from './oembed/app.js';
import type { ReaderDeps } from './reader/app.js';

/** Everything the apps need, built once at start-up from the validated config. */
export function buildDeps(
  config: Config,
  clients: AwsClients = buildAwsClients(config),
  loadAssets: () => Promise<WorkspaceAssets> = buildWorkspaceAssets,
): ApiDeps & OEmbedDeps & ReaderDeps {
  const objects = new ObjectStore(clients.s3, config.bucket);
  const posts = new PostTable(clients.dynamo, config.table);
  const search = new SearchIndex(clients.dynamo, config.table, posts);
  const publishEmbed = createEmbedPublisher(objects, config.publicBaseUrl);
  // Every change to a record ends here: its embed pages, then its search and status index items.
  const publish = async (record: Parameters<typeof publishEmbed>[0]) => {
    await publishEmbed(record);
    await search.update(record);
  };
  let assets: Promise<WorkspaceAssets> | null = null;
  const now = (): Date => new Date();
  const journal = new Journal(clients.dynamo, config.table);
  const access = new Access({
    people: new PeopleTable(clients.dynamo, config.table, journal),
    adminKeyHashes: config.apiKeyHashes,
    random: systemRandom,
    now,
  });
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
    search,
    sessions: new SessionTable(clients.dynamo, config.table),
    access,
    journal,
    workspaceAssets: () => {
      assets ??= loadAssets().catch((error: unknown) => {
        assets = null;
        throw error;
      });
      return assets;
    },
    now,
    publicBaseUrl: config.publicBaseUrl,
  };
}
