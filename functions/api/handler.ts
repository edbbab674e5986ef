import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { buildDeps } from '../wiring.js';
import { createApiApp } from './app.js';

export const handler = handle(createApiApp(buildDeps(loadConfig())));
