import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { type Harness, startHarness } from './harness.js';

export interface ServedApp {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** A port that was free a moment ago: listen on 0, read the port, close. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Serves a Hono app over real HTTP on loopback, the way `npm start` does. */
export async function serveApp(app: Hono, port = 0): Promise<ServedApp> {
  const { server, address } = await new Promise<{ server: Server; address: AddressInfo }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => resolve({ server, address: info })) as Server;
    server.once('error', reject);
  });
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ServedHarness {
  readonly h: Harness;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * The harness served on a real port. PUBLIC_BASE_URL must name the port before the service is
 * built (every pre-rendered page and oEmbed answer carries it), so a free port is picked first
 * and the app is then served on exactly that port; a lost race retries with a new port.
 */
export async function startServedHarness(env: Record<string, string> = {}): Promise<ServedHarness> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const h = await startHarness({ PUBLIC_BASE_URL: baseUrl, ...env });
    try {
      const served = await serveApp(h.app, port);
      return {
        h,
        baseUrl,
        async close() {
          await served.close();
          await h.stop();
        },
      };
    } catch (error) {
      await h.stop();
      if (attempt >= 3) throw error;
    }
  }
}
