import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering rule is enforced by `npm run lint` (dependency-cruiser for imports, Biome for the
 * clock and process.env). These tests prove the checkers bite: a scratch project with the
 * repository's own configuration and deliberately bad files must fail with the named rules,
 * and the same project without them must pass.
 */
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');

let scratch: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(join(BIN, command), args, { cwd: scratch });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'postkeep-layering-'));
  cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(scratch, '.dependency-cruiser.cjs'));
  cpSync(join(ROOT, 'lint'), join(scratch, 'lint'), { recursive: true });
  cpSync(join(ROOT, 'tsconfig.json'), join(scratch, 'tsconfig.json'));
  cpSync(join(ROOT, 'package.json'), join(scratch, 'package.json'));
  const biome = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8')) as Record<string, unknown>;
  // The scratch folder is no git checkout; everything else is the repository's configuration.
  writeFileSync(join(scratch, 'biome.json'), JSON.stringify({ ...biome, $schema: undefined, vcs: { enabled: false } }));
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  write(
    'shared/post/good.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the written module's own template literal
    "import { other } from './other.js';\nexport const good = (at: Date): string => `${other} ${at.toISOString()}`;\n",
  );
  write('shared/post/other.ts', "export const other = 'x';\n");
  write('shared/adapters/store.ts', "import { good } from '../post/good.js';\nexport const store = good;\n");
  write('shared/config.ts', 'export const env = process.env.X;\n');
  write('functions/api/app.ts', "import { store } from '../../shared/adapters/store.js';\nexport const app = store;\n");
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('dependency-cruiser keeps functions → adapters → pure', () => {
  const cruise = () => exitOf('depcruise', ['shared', 'functions', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);

  it('passes a tree that follows the rule, then fails on each kind of violation', async () => {
    const clean = await cruise();
    expect(clean.output).toContain('no dependency violations found');
    expect(clean.code).toBe(0);

    write(
      'shared/post/bad.ts',
      [
        "import { readFileSync } from 'node:fs';",
        "import { request } from 'node:https';",
        "import sharp from 'sharp';",
        "import { S3Client } from '@aws-sdk/client-s3';",
        "import { store } from '../adapters/store.js';",
        "import { env } from '../config.js';",
        'export const bad = [readFileSync, request, sharp, S3Client, store, env];',
        '',
      ].join('\n'),
    );
    write('shared/adapters/upward.ts', "import { handler } from '../../functions/api/handler.js';\nexport const upward = handler;\n");
    write('functions/api/handler.ts', "import { store } from '../../shared/adapters/store.js';\nexport const handler = store;\n");
    try {
      const dirty = await cruise();
      expect(dirty.code).not.toBe(0);
      const found = [...dirty.output.matchAll(/error ([a-z-]+): (\S+) → (\S+)/g)].map((m) => `${m[1]}: ${m[2]} → ${m[3]}`);
      expect(found.sort()).toEqual(
        [
          'adapters-point-inward: shared/adapters/upward.ts → functions/api/handler.ts',
          'pure-no-io-packages: shared/post/bad.ts → node_modules/@aws-sdk/client-s3/dist-cjs/index.js',
          'pure-no-io-packages: shared/post/bad.ts → node_modules/sharp/dist/index.d.mts',
          'pure-no-node-io: shared/post/bad.ts → fs',
          'pure-no-node-io: shared/post/bad.ts → https',
          'pure-no-outer-layers: shared/post/bad.ts → shared/adapters/store.ts',
          'pure-no-outer-layers: shared/post/bad.ts → shared/config.ts',
        ].sort(),
      );
    } finally {
      for (const path of ['shared/post/bad.ts', 'shared/adapters/upward.ts', 'functions/api/handler.ts']) rmSync(join(scratch, path));
    }
  });
});

describe('Biome keeps the clock and the environment out of pure code', () => {
  const lint = (path: string) => exitOf('biome', ['lint', path]);

  it('refuses Date.now(), new Date() and process.env in a pure folder, and only there', async () => {
    expect((await lint('shared/post/good.ts')).code).toBe(0);
    expect((await lint('shared/config.ts')).code).toBe(0);

    write('shared/post/clock.ts', 'export const a = () => Date.now();\nexport const b = () => new Date();\n');
    write('shared/post/parse.ts', 'export const c = (text: string) => new Date(text);\n');
    write('shared/adapters/env.ts', 'export const d = () => process.env.HOME;\n');
    write('shared/adapters/clock.ts', 'export const e = () => Date.now();\n');

    const clock = await lint('shared/post/clock.ts');
    expect(clock.code).not.toBe(0);
    expect(clock.output.match(/Pure code reads no clock/g)).toHaveLength(2);
    expect((await lint('shared/post/parse.ts')).code).toBe(0);
    const env = await lint('shared/adapters/env.ts');
    expect(env.code).not.toBe(0);
    expect(env.output).toContain('noProcessEnv');
    // Adapters may read the clock: they are the edge where time enters.
    expect((await lint('shared/adapters/clock.ts')).code).toBe(0);
  });
});
