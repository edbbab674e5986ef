import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { READER_WORKER_FILE } from '../../functions/api/rescue-reader.js';
import { apiSpec, projectRoot, rescueReaderScript, toEsbuildOptions } from '../../infra/functions/function-spec.js';
import { ReaderThread } from '../../shared/adapters/rescue-reader-thread.js';
import { detectFormat, findEmbedsDetailed } from '../../shared/rescue/index.js';
import { listFixtures, readFixture, readJsonlFixture } from '../support/fixtures.js';

const NOW = new Date('2026-11-22T00:00:00Z');

describe("the rescue reader's thread in the Lambda bundle", () => {
  it('is compiled by the bundling hook beside the handler and finds what the reader finds in-thread', async () => {
    const out = mkdtempSync(join(tmpdir(), 'postkeep-bundle-reader-'));
    const reader = new ReaderThread(async () => pathToFileURL(join(out, READER_WORKER_FILE)));
    try {
      const root = projectRoot.replace(/\/$/, '');
      const hooks = apiSpec.bundling.commandHooks!.afterBundling(root, out);
      const commands = rescueReaderScript(root, out);
      for (const command of commands) expect(hooks).toContain(command);
      for (const command of commands) execSync(command, { stdio: 'pipe' });
      // The handler, bundled as CDK bundles it into the same folder, starts the thread from that file.
      const handler = toEsbuildOptions(apiSpec, out);
      await build({ ...handler, logLevel: 'silent' });
      expect(readFileSync(handler.outfile, 'utf8')).toContain(READER_WORKER_FILE);
      expect(existsSync(join(dirname(handler.outfile), READER_WORKER_FILE))).toBe(true);
      // Every page of the web folder: embeds, leftovers, escaped copies, exports.
      const files = listFixtures('rescue', 'web').filter((file) => file !== 'expected.jsonl');
      let found = 0;
      for (const file of files) {
        const text = readFixture('rescue', 'web', file);
        const type = { html: 'text/html', md: 'text/markdown' }[file.split('.').pop() ?? ''] ?? 'text/plain';
        const format = detectFormat(type, text);
        const threaded = await reader.read(text, format, NOW);
        expect(threaded, file).toEqual(findEmbedsDetailed(text, format, NOW));
        found += threaded.embeds.length;
      }
      // As many as the folder's expected rows: the comparison covered every post, not an empty answer.
      expect(found).toBe(readJsonlFixture('rescue', 'web', 'expected.jsonl').length);
    } finally {
      await reader.close();
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
