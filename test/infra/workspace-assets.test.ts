import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildWorkspaceAssets, CLIENT_ENTRIES, readWorkspaceAssets } from '../../functions/app/assets.js';
import { apiSpec, projectRoot, workspaceScripts } from '../../infra/functions/function-spec.js';

describe('the workspace scripts in the Lambda bundle', () => {
  it('are compiled by the bundling hook into exactly the bytes npm start serves, so the CSP hashes match', async () => {
    const out = mkdtempSync(join(tmpdir(), 'postkeep-bundle-'));
    try {
      const hooks = apiSpec.bundling.commandHooks!.afterBundling(projectRoot.replace(/\/$/, ''), out);
      const commands = workspaceScripts(projectRoot.replace(/\/$/, ''), out);
      for (const command of commands) expect(hooks).toContain(command);
      for (const command of commands) execSync(command, { stdio: 'pipe' });
      const bundled = readWorkspaceAssets(pathToFileURL(`${out}/app-assets/`));
      const local = await buildWorkspaceAssets();
      for (const name of CLIENT_ENTRIES) {
        expect(bundled.scripts[name].integrity, name).toBe(local.scripts[name].integrity);
        expect(bundled.scripts[name].body.length).toBeGreaterThan(100);
      }
      expect(apiSpec.bundling.externalModules).toContain('esbuild');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
