import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { type BundlingOptions, type ICommandHooks, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
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
  // Prefer ESM builds of dependencies; CJS-only ones still load through the `require` shim below.
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

function withWorkspaceScripts(hooks: ICommandHooks): ICommandHooks {
  return {
    ...hooks,
    afterBundling: (inputDir, outputDir) => [...hooks.afterBundling(inputDir, outputDir), ...workspaceScripts(inputDir, outputDir)],
  };
}

/** The write path: capture, image processing with sharp, every API route, the workspace. */
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
    commandHooks: withWorkspaceScripts(sharpForLambdaArm64(pinnedVersion('sharp'))),
  },
};

/** The read path for oEmbed: small, read-only, no native modules. */
export const oembedSpec: FunctionSpec = {
  entry: 'functions/oembed/handler.ts',
  description: 'postkeep oEmbed: read-only mapping of stored posts',
  memorySize: 256,
  timeout: Duration.seconds(10),
  bundling: commonBundling,
};
