import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Iframely's own open-source server (the `iframely` package: its plugins, its API views), run as
 * it is deployed: `node server.js` in a directory holding the operator's `config.js`, which
 * Iframely reads from its working directory over its defaults. The config keeps it offline: no
 * domains list from iframely.com (`WHITELIST_URL`), no cache. What it does with an unknown
 * publisher is the `WHITELIST_WILDCARD` record, the operator's choice; without one Iframely
 * trusts no rich oEmbed `html` and answers a summary (title, author, thumbnail) only.
 */
export interface IframelyServer {
  readonly origin: string;
  /** Everything the server printed (its request log included). */
  output(): string;
  close(): Promise<void>;
}

/** Tags of the wildcard record for rich oEmbed answers, as Iframely's domains list spells them. */
export type RichTags = readonly string[] | null;

const serverScript = join(dirname(createRequire(import.meta.url).resolve('iframely/package.json')), 'server.js');

export async function startIframely(rich: RichTags): Promise<IframelyServer> {
  const dir = await mkdtemp(join(tmpdir(), 'iframely-'));
  const config = {
    WHITELIST_URL: null,
    WHITELIST_URL_RELOAD_PERIOD: 0,
    CACHE_ENGINE: 'no-cache',
    baseAppUrl: 'http://127.0.0.1',
    WHITELIST_WILDCARD: rich ? { oembed: { rich } } : {},
  };
  await writeFile(join(dir, 'config.js'), `module.exports = ${JSON.stringify(config)};\n`);
  const child: ChildProcess = spawn(process.execPath, [serverScript], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (chunk: Buffer) => {
    out += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Iframely did not start:\n${out}`)), 30_000);
      const look = () => {
        const found = /iframely is running on [\d.]+:(\d+)/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(Number(found[1]));
        }
      };
      child.stdout?.on('data', look);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Iframely exited with ${code}:\n${out}`));
      });
    });
    return { origin: `http://127.0.0.1:${port}`, output: () => out, close };
  } catch (error) {
    await close();
    throw error;
  }
}
