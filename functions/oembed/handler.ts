import { handle } from 'hono/aws-lambda';
import { loadReadConfig } from '../../shared/config.js';
import { createOEmbedApp } from './app.js';
import { buildOEmbedDeps } from './deps.js';

export const handler = handle(createOEmbedApp(buildOEmbedDeps(loadReadConfig())));
