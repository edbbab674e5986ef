import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Cdn } from './cdn/cdn.js';
import type { BundlingMode } from './functions/function-spec.js';
import { Functions } from './functions/functions.js';
import { Storage } from './storage/storage.js';

export interface PostkeepStackProps extends StackProps {
  readonly bundling: BundlingMode;
  /** Default for the PublicBaseUrl parameter (context `publicBaseUrl`); none means required at deploy. */
  readonly publicBaseUrl?: string;
}

export class PostkeepStack extends Stack {
  readonly storage: Storage;
  readonly functions: Functions;
  readonly cdn: Cdn;

  constructor(scope: Construct, id: string, props: PostkeepStackProps) {
    super(scope, id, props);

    // A parameter, not the distribution's domain: the functions' env would otherwise depend on
    // the distribution, which depends on the function URLs, which depend on the functions.
    // It is also the URL printed into every article, so it should be the operator's stable
    // domain rather than a generated *.cloudfront.net name (ADR 0002).
    const publicBaseUrl = new CfnParameter(this, 'PublicBaseUrl', {
      type: 'String',
      description: 'https base of every URL the service hands out (no trailing slash), e.g. the DistributionUrl output',
      // No quotes or backslashes either: the CDN's viewer-response function carries the value
      // in a string literal (infra/cdn/cdn.ts).
      allowedPattern: '^https://[^/?#\\s\'"\\\\]+(/[^?#\\s\'"\\\\]*[^/?#\\s\'"\\\\])?$',
      constraintDescription: 'an https URL without a trailing slash, query, fragment, quotes or backslashes',
      ...(props.publicBaseUrl === undefined ? {} : { default: props.publicBaseUrl }),
    });

    // Only digests reach AWS; the keys themselves stay with their holders.
    const apiKeyHashes = new CfnParameter(this, 'ApiKeyHashes', {
      type: 'String',
      noEcho: true,
      description: 'comma-separated sha256 hex digests of the API keys',
      allowedPattern: '^[0-9a-f]{64}(,[0-9a-f]{64})*$',
      constraintDescription: 'comma-separated lowercase sha256 hex digests',
    });

    this.storage = new Storage(this, 'Storage');
    this.functions = new Functions(this, 'Functions', {
      storage: this.storage,
      bundling: props.bundling,
      publicBaseUrl: publicBaseUrl.valueAsString,
      apiKeyHashes: apiKeyHashes.valueAsString,
    });
    this.cdn = new Cdn(this, 'Cdn', {
      bucket: this.storage.bucket,
      logBucket: this.storage.logBucket,
      apiUrl: this.functions.apiUrl,
      oembedUrl: this.functions.oembedUrl,
      publicBaseUrl: publicBaseUrl.valueAsString,
    });

    new CfnOutput(this, 'DistributionUrl', { value: this.cdn.url, description: 'CloudFront https URL' });
    new CfnOutput(this, 'BucketName', { value: this.storage.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
  }
}
