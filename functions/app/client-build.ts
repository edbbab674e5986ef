/**
 * How the workspace's browser scripts are compiled, in one place: `npm start` and the tests run
 * esbuild's API with these options (assets.ts), the Lambda bundle runs esbuild's CLI with the
 * same flags (infra/functions/function-spec.ts), so both serve byte-identical scripts.
 */
export const CLIENT_ENTRIES = ['common', 'archive', 'rescue'] as const;
export type ClientEntry = (typeof CLIENT_ENTRIES)[number];

export const ESBUILD_CLIENT_OPTIONS = { bundle: true, minify: true, format: 'iife', target: 'es2022' } as const;
export const ESBUILD_CLIENT_FLAGS = ['--bundle', '--minify', '--format=iife', '--target=es2022', '--log-level=warning'];
