import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * STYLE.md: dependencies point one way, functions → adapters → pure domain. The pure folders
 * import nothing that does I/O and read no clock or environment; this keeps them so.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const PURE = ['shared/instagram', 'shared/post', 'shared/embed', 'shared/oembed', 'shared/rescue', 'shared/security', 'shared/search'];
const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/from '(@aws-sdk\/[^']+|sharp|@hono\/node-server|p-limit|p-retry|cli-progress)'/, 'an I/O library'],
  [/from 'node:(fs|fs\/promises|http|https|net|dns|child_process|os)'/, 'a Node I/O module'],
  [/from '\.\.\/(adapters|services)\//, 'an adapter or service (wrong direction)'],
  [/\bprocess\.env\b/, 'process.env (config is passed in)'],
  [/\bDate\.now\(\)|new Date\(\)/, 'the clock (time is passed in)'],
  [/\bfetch\(/, 'the network'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the pure domain stays pure', () => {
  const sources = PURE.flatMap((dir) => files(join(ROOT, dir)));

  it('has the files it is about', () => {
    expect(sources.length).toBeGreaterThan(30);
  });

  it.each(sources.map((path) => [relative(ROOT, path), path] as const))('%s', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    for (const [pattern, what] of FORBIDDEN) expect(pattern.test(text), `imports or uses ${what}`).toBe(false);
  });

  it('only shared/config.ts reads process.env among the service code', () => {
    const service = ['shared', 'functions'].flatMap((dir) => files(join(ROOT, dir)));
    const readers = service.filter((path) => /\bprocess\.env\b/.test(readFileSync(path, 'utf8'))).map((path) => relative(ROOT, path));
    expect(readers).toEqual(['shared/config.ts']);
  });
});
