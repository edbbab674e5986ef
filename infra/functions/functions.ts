import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { type FunctionUrl, FunctionUrlAuthType, type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { RECHECK_EVENT } from '../../functions/api/recheck-event.js';
import type { Storage } from '../storage/storage.js';
import { apiSpec, type BundlingMode, type FunctionSpec, oembedSpec } from './function-spec.js';
import { createPostkeepFunction, runtime } from './postkeep-function.js';

export interface FunctionsProps {
  readonly storage: Storage;
  readonly bundling: BundlingMode;
  /** Base of every URL the service hands out; a token (CfnParameter), see ADR 0002. */
  readonly publicBaseUrl: string;
  /** Comma-separated sha256 hex digests of the API keys; a token (NoEcho CfnParameter). */
  readonly apiKeyHashes: string;
}

/** The two Lambda functions and their URLs: the write API and the read-only oEmbed. */
export class Functions extends Construct {
  readonly api: LambdaFunction;
  readonly apiUrl: FunctionUrl;
  readonly oembed: LambdaFunction;
  readonly oembedUrl: FunctionUrl;
  readonly specs: { readonly api: FunctionSpec; readonly oembed: FunctionSpec } = { api: apiSpec, oembed: oembedSpec };

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);

    this.api = createPostkeepFunction(this, 'Api', apiSpec, props.bundling);
    props.storage.bind(this.api, 'read-write');
    // NONE, not AWS_IAM: CloudFront's origin access control signs into the Authorization header,
    // which would drop the caller's `Bearer <key>`, and it requires callers to send
    // x-amz-content-sha256 with every POST/PATCH. The app authenticates every write itself.
    this.apiUrl = this.api.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });

    this.oembed = createPostkeepFunction(this, 'Oembed', oembedSpec, props.bundling);
    props.storage.bind(this.oembed, 'read');
    // GET/HEAD only and no caller credentials, so origin access control fits here.
    this.oembedUrl = this.oembed.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM });

    // Every hour the API function asks Instagram again about posts not checked for a day, so an
    // embed says "Original removed" without anyone pressing refresh (a batch per run, oldest first).
    new Rule(this, 'Recheck', {
      description: 'postkeep: re-check archived posts against Instagram',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaTarget(this.api, { event: RuleTargetInput.fromObject(RECHECK_EVENT), retryAttempts: 0 })],
    });

    for (const fn of [this.api, this.oembed]) fn.addEnvironment('PUBLIC_BASE_URL', props.publicBaseUrl);
    // Only the function that checks keys holds their digests; oEmbed reads no key.
    this.api.addEnvironment('API_KEY_HASHES', props.apiKeyHashes);
    this.acknowledgeFindings();
  }

  private acknowledgeFindings(): void {
    for (const fn of [this.api, this.oembed]) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: `${runtime.name} is deliberate: the toolchain and sharp are verified on Node 22 (docs/design.md); move with an ADR.`,
      });
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "The AWS managed basic execution role only allows writing the function's own CloudWatch logs.",
      });
    }
  }
}
