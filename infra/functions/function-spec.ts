import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { type BundlingOptions, type ICommandHooks, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { API_NODE_FLAGS } from '../../functions/api/node-flags.js';
import { ESBUILD_READER_FLAGS, READER_WORKER_ENTRY, READER_WORKER_FILE } from '../../functions/api/rescue-reader.js';
import { CLIENT_ENTRIES, ESBUILD_CLIENT_FLAGS } from '../../functions/app/client-build.js';

/** `esbuild` bundles the real handlers; `skip` stands in a stub so tests synthesise in seconds. */
export type BundlingMode = 'esbuild' | 'skip';

/** Everything that makes a function what it is, apart from where its code comes from. */
export interface FunctionSpec {
  /** Handler source, relative to the project root; exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly bundling: BundlingOptions;
  /** Environment beyond the bindings (table, bucket, base URL). */
  readonly environment: Readonly<Record<string, string>>;
}

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

interface PackageJson {
  readonly dependencies?: Record<string, string>;
}

/** The pinned version from package.json, so Lambda runs the sharp the tests ran. */
function pinnedVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;
  const version = pkg.dependencies?.[name];
  if (!version) throw new Error(`package.json has no pinned dependency "${name}"`);
  return version;
}

const commonBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  // Prefer ESM builds of dependencies (they tree-shake: zod's and hono's unused parts drop out);
  // CJS-only ones still load through the `require` shim below.
  mainFields: ['module', 'main'],
  banner:
    "import { createRequire as __postkeepCreateRequire } from 'node:module'; const require = __postkeepCreateRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // The pinned SDK versions are the ones the integration tests ran, not whatever the runtime ships.
  bundleAwsSDK: true,
  forceDockerBundling: false,
};

/**
 * sharp loads a native binary chosen by platform. The build machine is not Lambda's
 * linux-arm64, so after CDK's `npm ci` of `nodeModules` we add the arm64 binaries explicitly
 * (sharp's documented cross-platform install) and drop the build machine's to keep the zip small.
 */
export function sharpForLambdaArm64(version: string): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [
      `cd "${outputDir}" && npm install --no-save --no-audit --no-fund --prefer-offline --os=linux --cpu=arm64 --libc=glibc sharp@${version}`,
      `cd "${outputDir}" && if [ -d node_modules/@img ]; then find node_modules/@img -mindepth 1 -maxdepth 1 -type d -name 'sharp-*' ! -name '*linux-arm64' -exec rm -rf {} +; fi`,
    ],
  };
}

/**
 * The workspace's browser scripts (functions/app/client) compiled into the bundle's `app-assets/`,
 * where the API handler reads them at start (docs/adr/0009-workspace.md). Same esbuild, same
 * options as `npm start` compiles them with, so the hashes in the pages' CSP match.
 */
export function workspaceScripts(inputDir: string, outputDir: string): string[] {
  const entries = CLIENT_ENTRIES.map((name) => `"${inputDir}/functions/app/client/${name}.ts"`).join(' ');
  return [`"${inputDir}/node_modules/.bin/esbuild" ${entries} ${ESBUILD_CLIENT_FLAGS.join(' ')} --outdir="${outputDir}/app-assets"`];
}

/**
 * The rescue reader's thread module compiled beside the handler, where functions/api/handler.ts
 * starts it from; same esbuild flags as `npm start` compiles it with (functions/api/rescue-reader.ts).
 */
export function rescueReaderScript(inputDir: string, outputDir: string): string[] {
  return [
    `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/${READER_WORKER_ENTRY}" ${ESBUILD_READER_FLAGS.join(' ')} --outfile="${outputDir}/${READER_WORKER_FILE}"`,
  ];
}

function withCompiledScripts(hooks: ICommandHooks): ICommandHooks {
  return {
    ...hooks,
    afterBundling: (inputDir, outputDir) => [
      ...hooks.afterBundling(inputDir, outputDir),
      ...workspaceScripts(inputDir, outputDir),
      ...rescueReaderScript(inputDir, outputDir),
    ],
  };
}

/** The write path: capture, image processing with sharp, every API route, the workspace, rescue (its reader on a thread of its own). */
export const apiSpec: FunctionSpec = {
  entry: 'functions/api/handler.ts',
  description: 'postkeep API: capture, correct and rescue posts (writes S3 + DynamoDB)',
  memorySize: 1536,
  timeout: Duration.seconds(60),
  bundling: {
    ...commonBundling,
    nodeModules: ['sharp'],
    // Only `npm start` compiles the workspace scripts at run time; Lambda reads them compiled.
    externalModules: ['esbuild'],
    commandHooks: withCompiledScripts(sharpForLambdaArm64(pinnedVersion('sharp'))),
  },
  // Stack traces in the logs point at the TS source; the young generation is the one the
  // capture bench measured (functions/api/node-flags.ts).
  environment: { NODE_OPTIONS: ['--enable-source-maps', ...API_NODE_FLAGS].join(' ') },
};

/** The read path for oEmbed: small, read-only, no native modules. */
export const oembedSpec: FunctionSpec = {
  entry: 'functions/oembed/handler.ts',
  description: 'postkeep oEmbed: read-only mapping of stored posts',
  memorySize: 256,
  timeout: Duration.seconds(10),
  // No SDK in this bundle: it reads DynamoDB through a SigV4 signer with Lambda's environment
  // credentials (docs/adr/0017-oembed-reads-without-the-sdk.md).
  bundling: commonBundling,
  // No --enable-source-maps: loading the map was about 25 ms CPU of every cold start (npm run
  // bench, 2026-12) for a function this small; the map still ships beside the bundle.
  environment: {},
};

/**
 * The esbuild options CDK's NodejsFunction derives from a spec's bundling (aws-cdk-lib 2.276,
 * aws-lambda-nodejs `Bundling.buildEsbuildArgs`: `--bundle`, `--target`, `--platform=node`,
 * `--format`, `--minify`, `--sourcemap`, `--external:` for each of `nodeModules` and
 * `externalModules`, `--banner:js`, `--main-fields`, then `esbuildArgs` as given; CDK runs it in
 * the project root), so `npm run bench` measures the bundle a
 * deploy ships from the same settings instead of a copy of them.
 */
export function toEsbuildOptions(spec: FunctionSpec, outDir: string): BuildOptions & { outfile: string } {
  const b = spec.bundling;
  const esm = b.format === OutputFormat.ESM;
  const alias: Record<string, string> = {};
  for (const [flag, value] of Object.entries(b.esbuildArgs ?? {})) {
    const name = /^--alias:(.+)$/.exec(flag)?.[1];
    if (!name || typeof value !== 'string') throw new Error(`toEsbuildOptions does not translate ${flag} yet`);
    alias[name] = value;
  }
  return {
    entryPoints: [join(projectRoot, spec.entry)],
    absWorkingDir: projectRoot,
    outfile: join(outDir, esm ? 'index.mjs' : 'index.js'),
    bundle: true,
    platform: 'node',
    ...(b.target ? { target: b.target } : {}),
    ...(b.format ? { format: esm ? 'esm' : 'cjs' } : {}),
    ...(b.minify ? { minify: true } : {}),
    ...((b.sourceMapMode ?? b.sourceMap)
      ? {
          sourcemap:
            !b.sourceMapMode || b.sourceMapMode === SourceMapMode.DEFAULT ? true : (b.sourceMapMode as 'external' | 'inline' | 'both'),
        }
      : {}),
    external: [...(b.externalModules ?? []), ...(b.nodeModules ?? [])],
    ...(Object.keys(alias).length > 0 ? { alias } : {}),
    ...(b.banner ? { banner: { js: b.banner } } : {}),
    ...(b.mainFields ? { mainFields: [...b.mainFields] } : {}),
  };
}
