import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures.js';
import { API_KEY, type Harness, startHarness } from '../support/harness.js';

const run = promisify(execFile);
let h: Harness;
let server: ServerType;
let url = '';
let dir = '';

beforeAll(async () => {
  h = await startHarness();
  server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'postkeep-cli-'));
  mkdirSync(join(dir, '2020'));
  writeFileSync(join(dir, 'live.html'), `<article><p>Intro</p>${readFixture('instagram', 'embeds', '07.html')}<p>Outro</p></article>`);
  writeFileSync(join(dir, '2020', 'gone.md'), `# Gone\n\n${readFixture('instagram', 'text', '01.txt')}\n\nThe end.\n`);
  writeFileSync(join(dir, 'nothing.txt'), 'No posts in here, only talk about Instagram.');
  writeFileSync(join(dir, 'image.png'), 'not an article');
  h.fake.addPost({
    shortcode: 'BjyihedFlTz',
    handle: '1000ch',
    name: 'Shogo Sensui',
    caption: 'Finally. #納車 #tokyobike',
    items: [{ type: 'image', width: 800, height: 800, path: '/v/cli.jpg' }],
  });
  h.fake.setPages('Bpqj-FSh61d', { kind: 'gone' });
});

afterAll(async () => {
  server?.close();
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  run('npx', ['tsx', 'functions/cli/rescue.ts', ...args], { env: { ...process.env, POSTKEEP_API_KEY: '' }, timeout: 60_000 });

describe('npm run rescue', () => {
  it('dry-run finds the posts of a folder and writes nothing', async () => {
    const { stdout } = await cli(dir, '--server', url, '--key', API_KEY, '--dry-run');
    expect(stdout).toMatch(/dry run: 3 articles/);
    expect(stdout).toMatch(/found\s+2\n/);
    expect(stdout).toMatch(/failed\s+0\n/);
    expect(readdirSync(dir).filter((f) => f.includes('.rescued.'))).toEqual([]);
  });

  it('rescues a folder, writing each rewritten article beside its original', async () => {
    const original = readFileSync(join(dir, 'live.html'), 'utf8');
    const { stdout } = await cli(dir, '--server', url, '--key', API_KEY);
    expect(stdout).toMatch(/found\s+2\n/);
    expect(stdout).toMatch(/archived\s+1\n/);
    expect(stdout).toMatch(/gone\s+1\n/);
    // The Markdown leftover is read from the article's words: an editor should look at it.
    expect(stdout).toMatch(/to review\s+1 /);
    expect(readFileSync(join(dir, 'live.html'), 'utf8')).toBe(original);
    const rewritten = readFileSync(join(dir, 'live.rescued.html'), 'utf8');
    expect(rewritten.startsWith('<article><p>Intro</p>')).toBe(true);
    expect(rewritten.endsWith('<p>Outro</p></article>')).toBe(true);
    expect(rewritten).toContain('/embed/');
    expect(readFileSync(join(dir, '2020', 'gone.rescued.md'), 'utf8')).toMatch(/^# Gone\n\n/);

    const second = await cli(join(dir, 'live.html'), '--server', url, '--key', API_KEY);
    expect(second.stdout).toMatch(/already archived\s+1\n/);
  });

  it('dry-run says which articles it cut short at its bound', async () => {
    const many = mkdtempSync(join(tmpdir(), 'postkeep-cli-many-'));
    try {
      const amp = (i: number) =>
        `<amp-instagram data-shortcode="Cx${String(i % 5).padStart(5, '0')}AAAA" width="400" height="400"></amp-instagram>`;
      writeFileSync(join(many, 'long.html'), Array.from({ length: 1100 }, (_, i) => amp(i)).join('\n'));
      writeFileSync(join(many, 'short.html'), amp(0));
      const { stdout } = await cli(many, '--server', url, '--key', API_KEY, '--dry-run');
      expect(stdout).toMatch(/dry run: 2 articles/);
      expect(stdout).toMatch(/cut short\s+1 /);
      const { stdout: one } = await cli(join(many, 'short.html'), '--server', url, '--key', API_KEY, '--dry-run');
      expect(one).not.toMatch(/cut short/);
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  });

  it('fails clearly without a key or with a wrong one', async () => {
    await expect(cli(dir, '--server', url)).rejects.toMatchObject({ code: 2 });
    const wrong = await cli(join(dir, 'live.html'), '--server', url, '--key', 'nope').catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(wrong).toMatchObject({ code: 1 });
    expect((wrong as { stderr: string }).stderr).toContain('unauthorized');
  });
});
