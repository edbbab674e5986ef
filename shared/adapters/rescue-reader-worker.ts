/**
 * The rescue reader's thread (shared/adapters/rescue-reader-thread.ts starts it): reads one article per
 * message, in order, and answers what it found. Its heap is its own, so the collector's pauses
 * over a 5 MB article's tokens and decoded copies never hold the request thread's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { findEmbedsDetailed } from '../rescue/find-embeds.js';
import { EMBEDS_PER_PART, READY, type ReadReply, type ReadRequest } from './rescue-reader-thread.js';

if (!parentPort)
  throw new Error('shared/adapters/rescue-reader-worker.ts runs as a worker thread (shared/adapters/rescue-reader-thread.ts)');
const port = parentPort;

port.on('message', (request: ReadRequest) => {
  let reply: ReadReply;
  try {
    const { embeds, ...rest } = findEmbedsDetailed(request.article, request.format, new Date(request.now), request.options);
    const parts: string[] = [];
    for (let i = 0; i < embeds.length; i += EMBEDS_PER_PART) parts.push(JSON.stringify(embeds.slice(i, i + EMBEDS_PER_PART)));
    reply = { id: request.id, ok: true, result: rest, parts };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage(READY);
