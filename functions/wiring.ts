import { type AwsClients, buildAwsClients } from '../shared/adapters/aws-clients.js';
import { processImage } from '../shared/adapters/image-processing.js';
import { Journal } from '../shared/adapters/journal.js';
import { ObjectStore } from '../shared/adapters/object-store.js';
import { PeopleTable } from '../shared/adapters/people-table.js';
import { PostReader } from '../shared/adapters/post-reader.js';
import { PostTable } from '../shared/adapters/post-table.js';
import { createSystemRandom } from '../shared/adapters/random.js';
import { ReaderThread } from '../shared/adapters/rescue-reader-thread.js';
import { SearchIndex, sameIndexKeys } from '../shared/adapters/search-index.js';
import { SessionTable } from '../shared/adapters/session-table.js';
import { createUpstreamFetch } from '../shared/adapters/upstream-fetch.js';
import type { Config } from '../shared/config.js';
import type { Log } from '../shared/log.js';
import { Access } from '../shared/services/access.js';
import { createEmbedPublisher } from '../shared/services/embed-publisher.js';
import { PostService } from '../shared/services/post-service.js';
import type { PublishOptions } from '../shared/services/post-writer.js';
import { RescueService } from '../shared/services/rescue-service.js';
import type { ApiDeps } from './api/app.js';
import { compileReaderWorker } from './api/rescue-reader.js';
import { buildWorkspaceAssets, type WorkspaceAssets } from './app/assets.js';
import { buildLogger } from './http/logger.js';
import type { OEmbedDeps, OEmbedPosts } from './oembed/app.js';
import type { ReaderDeps } from './reader/app.js';

export interface WiringOptions {
  /** The one clock of the service: every record time and due date is read from it. */
  readonly now?: () => Date;
  readonly log?: Log;
  /** The workspace's scripts: compiled by esbuild at first use (`npm start`), or read from the Lambda bundle. */
  readonly loadAssets?: () => Promise<WorkspaceAssets>;
  /** The rescue reader's thread module: compiled by esbuild at first use (`npm start`), or read from the Lambda bundle. */
  readonly rescueReader?: () => Promise<URL>;
}

/**
 * Everything else in the process gets the whole table; oEmbed reads through `oembedPosts`, the
 * reader its Lambda function uses (docs/adr/0017-oembed-reads-without-the-sdk.md).
 */
export type Deps = ApiDeps &
  OEmbedDeps &
  ReaderDeps & {
    readonly posts: PostTable;
    readonly oembedPosts: OEmbedPosts;
    readonly now: () => Date;
    /** The rescue reader's thread: idle, it keeps no process alive; close() stops it. */
    readonly rescueReader: ReaderThread;
  };

/**
 * Everything the apps need, built once at start-up from the validated config. Time comes from
 * here alone, so tests pass a clock they control instead of depending on the wall clock.
 */
export function buildDeps(config: Config, clients: AwsClients = buildAwsClients(config), options: WiringOptions = {}): Deps {
  const objects = new ObjectStore(clients.s3, config.bucket, clients.s3Writer);
  const journal = new Journal(clients.table, config.table);
  const random = createSystemRandom();
  const posts = new PostTable(clients.table, config.table, journal);
  const search = new SearchIndex(clients.table, config.table, posts);
  const publishEmbed = createEmbedPublisher(objects, config.publicBaseUrl);
  // Every change to a record ends here: its embed pages and its search and status index items,
  // written side by side. Both are settled before the first failure is answered, so neither
  // rejects unobserved.
  const publish = async (record: Parameters<typeof publishEmbed>[0], options: PublishOptions = {}) => {
    const failed = (await Promise.allSettled([publishEmbed(record), reindex(record, options)])).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  // A capture writes a new record's items ahead, while its images are encoded: they are written
  // again only when the record came out with other keys. Any other new record has none yet.
  const reindex = async (record: Parameters<typeof publishEmbed>[0], options: PublishOptions): Promise<void> => {
    if (options.indexedAs && sameIndexKeys(options.indexedAs, record)) return;
    await (options.created && !options.indexedAs ? search.indexNew([record]) : search.update(record));
  };
  const now = options.now ?? ((): Date => new Date());
  const log = options.log ?? buildLogger(config.logLevel);
  const access = new Access({
    people: new PeopleTable(clients.table, config.table, journal),
    adminKeyHashes: config.apiKeyHashes,
    random,
    now,
  });
  const service = new PostService({
    fetch: createUpstreamFetch({ origin: config.instagramOrigin }),
    processImage,
    objects,
    posts,
    publish,
    indexAhead: { write: (record) => search.indexNew([record]), withdraw: (record, kept) => search.withdrawNew(record, kept) },
    now,
    random,
    log,
  });
  const rescueReader = new ReaderThread(options.rescueReader ?? (() => compileReaderWorker(new URL('../', import.meta.url))));
  const rescue = new RescueService({
    service,
    now,
    publicBaseUrl: config.publicBaseUrl,
    read: (article, format, at, findOptions) => rescueReader.read(article, format, at, findOptions),
  });
  const loadAssets = options.loadAssets ?? buildWorkspaceAssets;
  let assets: Promise<WorkspaceAssets> | null = null;
  return {
    service,
    rescue,
    rescueReader,
    posts,
    oembedPosts: new PostReader(clients.reader, config.table),
    objects,
    search,
    sessions: new SessionTable(clients.table, config.table),
    access,
    journal,
    log,
    now,
    workspaceAssets: () => {
      assets ??= loadAssets().catch((error: unknown) => {
        assets = null;
        throw error;
      });
      return assets;
    },
    publicBaseUrl: config.publicBaseUrl,
    publicBaseAliases: config.publicBaseAliases,
  };
}
