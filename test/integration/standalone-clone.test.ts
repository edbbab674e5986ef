import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The repository stands alone: a clone in an empty folder, with nothing beside it (no sibling
 * `../shared`, no path of this machine), passes the unit layer. node_modules is linked rather
 * than installed, which keeps this test offline and fast; what is proved is that every file a
 * test reads is inside the clone.
 */
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const NOT_COPIED = new Set(['node_modules', '.data', 'cdk.out', '.git', 'test-results', '.bench']);

let scratch: string | null = null;
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A git clone of the commit checked out here; a plain copy where the tree is not a git checkout. */
async function cloneInto(target: string): Promise<string> {
  let head: string | null = null;
  try {
    head = (await run('git', ['rev-parse', 'HEAD'], { cwd: ROOT })).stdout.trim();
  } catch {
    head = null; // not a git checkout (an unpacked archive): copy the files instead
  }
  if (head) {
    await run('git', ['clone', '--quiet', '--no-checkout', ROOT, target]);
    await run('git', ['checkout', '--quiet', head], { cwd: target });
    return `git clone at ${head.slice(0, 12)}`;
  }
  cpSync(ROOT, target, { recursive: true, filter: (source) => !NOT_COPIED.has(relative(ROOT, source).split('/')[0] ?? '') });
  return 'copy';
}

describe('a clone with nothing beside it', () => {
  it('passes the unit layer on its own', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'postkeep-clone-'));
    const clone = join(scratch, 'postkeep');
    const how = await cloneInto(clone);
    // The folder around the clone is empty: there is no ../shared to lean on.
    expect(readdirSync(scratch)).toEqual(['postkeep']);
    expect(existsSync(join(clone, 'test', 'fixtures', 'README.md'))).toBe(true);
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');

    // The inner run must not believe it is part of this one.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
    let output: string;
    try {
      const result = await run(join(clone, 'node_modules', '.bin', 'vitest'), ['run', 'test/unit', '--reporter=dot'], {
        cwd: clone,
        env: { ...env, CI: 'true', NO_COLOR: '1' },
        maxBuffer: 20 * 1024 * 1024,
      });
      output = result.stdout + result.stderr;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`the unit layer failed in the clone (${how}):\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    console.log(`unit layer in a ${how}: ${/Tests\s+(\d+ passed[^\n]*)/.exec(output)?.[1] ?? 'see output'}`);
    expect(output).toMatch(/Test Files\s+\d+ passed/);
    expect(output).not.toMatch(/failed/);
  }, 240_000);
});
