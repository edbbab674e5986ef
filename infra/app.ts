import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { BundlingMode } from './functions/function-spec.js';
import { PostkeepStack } from './postkeep-stack.js';

export const bundlingContextKey = 'postkeep:bundling';
export const publicBaseUrlContextKey = 'publicBaseUrl';

function readBundlingMode(app: App): BundlingMode {
  const value: unknown = app.node.tryGetContext(bundlingContextKey) ?? 'esbuild';
  if (value !== 'esbuild' && value !== 'skip') {
    throw new Error(`context ${bundlingContextKey} must be "esbuild" or "skip", got ${JSON.stringify(value)}`);
  }
  return value;
}

function readPublicBaseUrl(app: App): string | undefined {
  const value: unknown = app.node.tryGetContext(publicBaseUrlContextKey);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`context ${publicBaseUrlContextKey} must be a string`);
  return value;
}

export interface BuiltApp {
  readonly app: App;
  readonly stack: PostkeepStack;
}

/**
 * The whole app as `cdk synth` sees it, cdk-nag included; bin/app.ts and the infra tests both
 * build it here so the tests check the wiring that deploys.
 */
export function buildApp(props: AppProps = {}): BuiltApp {
  const app = new App(props);
  const stack = new PostkeepStack(app, 'Postkeep', {
    bundling: readBundlingMode(app),
    publicBaseUrl: readPublicBaseUrl(app),
    description: 'postkeep: archived social posts served as script-free embeds and oEmbed',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
