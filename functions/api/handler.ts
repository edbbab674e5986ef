import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { readWorkspaceAssets } from '../app/assets.js';
import { buildDeps } from '../wiring.js';
import { createApiApp } from './app.js';
import { isRecheckEvent } from './recheck-event.js';
import { READER_WORKER_FILE } from './rescue-reader.js';

const config = loadConfig();
// The workspace scripts and the rescue reader's thread were compiled into the bundle at deploy
// (infra/functions/function-spec.ts).
const deps = buildDeps(config, undefined, {
  loadAssets: async () => readWorkspaceAssets(new URL('./app-assets/', import.meta.url)),
  rescueReader: async () => new URL(`./${READER_WORKER_FILE}`, import.meta.url),
});
const http = handle(createApiApp(deps));

/** HTTP through the function URL; the hourly EventBridge schedule runs the re-check of originals. */
export const handler = async (event: LambdaEvent | unknown, context: Context) =>
  isRecheckEvent(event)
    ? deps.service.recheckDue({ maxAgeMs: config.recheckMaxAgeHours * 3_600_000, limit: config.recheckBatch })
    : http(event as LambdaEvent, context);
