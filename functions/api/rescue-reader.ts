import { fileURLToPath } from 'node:url';

/**
 * How the rescue reader's thread (shared/adapters/rescue-reader-worker.ts) is compiled, in one place:
 * `npm start` and the tests run esbuild's API with these options at the first rescue and start
 * the thread from the result in memory; the Lambda bundle runs esbuild's CLI with the same flags
 * at deploy (infra/functions/function-spec.ts) and starts it from the file beside the handler. The
 * thread runs the same compiled module either way, never TypeScript through a loader.
 */
export const READER_WORKER_ENTRY = 'shared/adapters/rescue-reader-worker.ts';
/** The file the Lambda bundle carries beside its handler. */
export const READER_WORKER_FILE = 'rescue-reader.mjs';

export const ESBUILD_READER_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
} as const;
export const ESBUILD_READER_FLAGS = [
  '--bundle',
  '--platform=node',
  '--format=esm',
  '--target=node22',
  '--minify',
  '--main-fields=module,main',
  '--log-level=warning',
];

/** The reader's module compiled in memory, as a `data:` URL a worker thread starts from. */
export async function compileReaderWorker(projectRoot: URL): Promise<URL> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(READER_WORKER_ENTRY, projectRoot))],
    ...ESBUILD_READER_OPTIONS,
    mainFields: [...ESBUILD_READER_OPTIONS.mainFields],
    write: false,
    logLevel: 'silent',
  });
  const file = out.outputFiles?.[0];
  if (!file) throw new Error(`esbuild wrote nothing for ${READER_WORKER_ENTRY}`);
  return new URL(`data:text/javascript;base64,${Buffer.from(file.contents).toString('base64')}`);
}
