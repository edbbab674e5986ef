import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { oembedSpec, toEsbuildOptions } from '../../infra/functions/function-spec.js';
import { createPostkeepFunction } from '../../infra/functions/postkeep-function.js';

const scratch = mkdtempSync(join(tmpdir(), 'postkeep-bundle-parity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bench bundles what CDK deploys', () => {
  it('toEsbuildOptions(oembedSpec) gives the same index.mjs as CDK bundling the oEmbed function', async () => {
    const app = new App({ outdir: join(scratch, 'cdk.out') });
    createPostkeepFunction(new Stack(app, 'Parity'), 'Oembed', oembedSpec, 'esbuild');
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    const fromCdk = readFileSync(join(assembly.directory, assets[0]!, 'index.mjs'), 'utf8');

    const ours = toEsbuildOptions(oembedSpec, join(scratch, 'ours'));
    await build({ ...ours, logLevel: 'silent' });
    expect(readFileSync(ours.outfile, 'utf8')).toBe(fromCdk);
  }, 120_000);
});
