import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, type PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';

const context = { 'postkeep:bundling': 'skip', publicBaseUrl: 'https://embeds.example.org' };
const outdir = mkdtempSync(join(tmpdir(), 'postkeep-nag-'));

let app: App;
let report: PolicyValidationPluginReport;

beforeAll(() => {
  ({ app } = buildApp({ context, outdir }));
  report = new AwsSolutionsChecks(app).validateScope(app);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: unknown }> {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, unknown>))
      .map(([id, reason]) => ({ path: c.node.path, id, reason })),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged errors or warnings', () => {
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('synthesises through the plugin registered by buildApp with nothing left to report', () => {
    // Synthesis throws "Validation failed" on any unacknowledged error.
    const assembly = app.synth();
    expect(Object.keys(assembly.getStackByName('Postkeep').template.Resources as object).length).toBeGreaterThan(10);
    const written = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; violations: Array<{ ruleName: string; severity: string }> }>;
    };
    const open = written.pluginReports.flatMap((r) => r.violations.map((v) => `${r.pluginName} ${v.severity} ${v.ruleName}`));
    expect(open).toEqual([]);
  });

  it('acknowledges each finding with a written reason', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(typeof ack.reason, `${ack.id} at ${ack.path}`).toBe('string');
      expect((ack.reason as string).length, `${ack.id} at ${ack.path}`).toBeGreaterThan(30);
    }
  });

  it('still catches a new finding (the checks are live, not blanket-suppressed)', () => {
    const { app: other, stack } = buildApp({ context });
    new Bucket(stack, 'CarelessBucket');
    const rules = new AwsSolutionsChecks(other).validateScope(other).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});
