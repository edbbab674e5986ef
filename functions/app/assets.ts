import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CLIENT_ENTRIES, type ClientEntry, ESBUILD_CLIENT_OPTIONS } from './client-build.js';
import { WORKSPACE_CSS } from './styles.js';

/**
 * The workspace's own script and style files. Each page loads `common` and at most one script of
 * its own; each is served under a name carrying its hash (so it can be cached for a year) and is
 * allowed by that hash in the page's Content-Security-Policy, with the same hash as its
 * `integrity` (docs/adr/0009-workspace.md).
 */
export { CLIENT_ENTRIES, type ClientEntry };

export interface Asset {
  /** `/app/assets/<name>.<hash>.<ext>` */
  readonly path: string;
  readonly body: string;
  readonly contentType: string;
  /** `sha256-<base64>`: the CSP source and the `integrity` attribute. */
  readonly integrity: string;
  /** gzip size, what a reader's browser downloads. */
  readonly compressedBytes: number;
}

export interface WorkspaceAssets {
  readonly scripts: Readonly<Record<ClientEntry, Asset>>;
  readonly style: Asset;
  byPath(path: string): Asset | undefined;
}

export const CLIENT_SOURCE_DIR = fileURLToPath(new URL('./client/', import.meta.url));

function toAsset(name: string, ext: 'js' | 'css', body: string): Asset {
  const digest = createHash('sha256').update(body, 'utf8').digest();
  return {
    path: `/app/assets/${name}.${digest.toString('hex').slice(0, 12)}.${ext}`,
    body,
    contentType: ext === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
    integrity: `sha256-${digest.toString('base64')}`,
    compressedBytes: gzipSync(body, { level: 9 }).length,
  };
}

/** Assets from compiled scripts (name → JavaScript text). */
export function toWorkspaceAssets(compiled: Readonly<Record<ClientEntry, string>>): WorkspaceAssets {
  const scripts = Object.fromEntries(CLIENT_ENTRIES.map((name) => [name, toAsset(name, 'js', compiled[name])])) as Record<
    ClientEntry,
    Asset
  >;
  const style = toAsset('workspace', 'css', WORKSPACE_CSS);
  const all = new Map([...Object.values(scripts), style].map((asset) => [asset.path, asset]));
  return { scripts, style, byPath: (path) => all.get(path) };
}

/** Compiles the client scripts with esbuild at start-up: `npm start` and the tests. */
export async function buildWorkspaceAssets(): Promise<WorkspaceAssets> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: CLIENT_ENTRIES.map((name) => `${CLIENT_SOURCE_DIR}${name}.ts`),
    ...ESBUILD_CLIENT_OPTIONS,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const compiled = Object.fromEntries(out.outputFiles.map((file) => [file.path.split('/').pop()!.replace(/\.js$/, ''), file.text]));
  return toWorkspaceAssets(compiled as Record<ClientEntry, string>);
}

/** Reads the scripts the Lambda bundle carries (compiled at deploy, infra/functions/function-spec.ts). */
export function readWorkspaceAssets(dir: URL): WorkspaceAssets {
  const compiled = Object.fromEntries(CLIENT_ENTRIES.map((name) => [name, readFileSync(new URL(`${name}.js`, dir), 'utf8')]));
  return toWorkspaceAssets(compiled as Record<ClientEntry, string>);
}
