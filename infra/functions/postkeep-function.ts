import { join } from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type BundlingMode, type FunctionSpec, projectRoot } from './function-spec.js';

// Production runs Node 22 on arm64 (docs/design.md); one place so both functions always agree.
export const runtime = Runtime.NODEJS_22_X;
export const architecture = Architecture.ARM_64;

// Never deployed: it only stands in for the bundle when tests synthesise without esbuild.
const stubCode = "exports.handler = async () => ({ statusCode: 503, body: 'bundling skipped' });";

/**
 * Builds a function from its spec. Both modes produce the same resource apart from the code
 * asset, so template tests in `skip` mode check what a real deploy gets.
 */
export function createPostkeepFunction(scope: Construct, id: string, spec: FunctionSpec, mode: BundlingMode): LambdaFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const common = {
    description: spec.description,
    runtime,
    architecture,
    memorySize: spec.memorySize,
    timeout: spec.timeout,
    logGroup,
    environment: { ...spec.environment },
  };
  if (mode === 'skip') {
    return new LambdaFunction(scope, id, { ...common, handler: 'index.handler', code: Code.fromInline(stubCode) });
  }
  return new NodejsFunction(scope, id, {
    ...common,
    entry: join(projectRoot, spec.entry),
    handler: 'handler',
    projectRoot,
    depsLockFilePath: join(projectRoot, 'package-lock.json'),
    bundling: spec.bundling,
  });
}
