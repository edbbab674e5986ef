import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/storage/table-schema.js';

/** Which storage rights a function gets; the reader path never needs to write. */
export type StorageAccess = 'read' | 'read-write';

/** How long a superseded object version is kept (see the lifecycle rule below). */
export const NONCURRENT_VERSION_RETENTION = Duration.days(35);

// Access logs are for incident review, not an archive.
const logRetention = Duration.days(90);

/**
 * The one bucket (media, rendered embeds, raw upstream responses) and the one table (records).
 * Both are kept on stack deletion: they hold the only copy of posts that may be gone upstream.
 */
export class Storage extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // CloudFront standard logs are delivered with ACLs, hence object-writer ownership here only.
    this.logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: logRetention }],
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      lifecycleRules: [
        {
          // Versioning is the undo for overwrites and deletes; it need not outlive the table's
          // own point-in-time recovery (35 days), so a table restored to any moment it allows
          // still finds the objects its records name. Re-checks of unchanged posts write no new
          // versions; the ones that do (re-rendered embeds, purges) stop costing after that.
          id: 'expire-superseded-versions',
          noncurrentVersionExpiration: NONCURRENT_VERSION_RETENTION,
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    this.table = new Table(this, 'Table', {
      timeToLiveAttribute: TTL_ATTRIBUTE,
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The same schema the local provisioning builds from (shared/storage/table-schema.ts).
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /**
   * Binds a function to the store: the env vars the code reads and the matching IAM grant in one
   * call, so a function can never get the names without the rights or the reverse.
   */
  bind(fn: IFunction & { addEnvironment(key: string, value: string): unknown }, access: StorageAccess): void {
    fn.addEnvironment('POSTKEEP_BUCKET', this.bucket.bucketName);
    fn.addEnvironment('POSTKEEP_TABLE', this.table.tableName);
    if (access === 'read-write') {
      this.bucket.grantReadWrite(fn);
      this.table.grantReadWriteData(fn);
    } else {
      this.bucket.grantRead(fn);
      this.table.grantReadData(fn);
    }
    this.acknowledgeGrantWildcards(fn, access);
  }

  /**
   * The CDK grants use wildcards scoped to this bucket and table only. Each finding is named,
   * so a new wildcard (say, on another resource) still fails cdk-nag.
   */
  private acknowledgeGrantWildcards(fn: IFunction, access: StorageAccess): void {
    const arnOf = (resource: Bucket | Table) => `<${Stack.of(this).getLogicalId(resource.node.defaultChild as CfnResource)}.Arn>`;
    const findings: Array<[string, string]> = [
      ['Action::s3:GetObject*', 'Reads every object version and its metadata in the postkeep bucket only.'],
      ['Action::s3:GetBucket*', 'Bucket-level reads (location, versioning) of the postkeep bucket only.'],
      ['Action::s3:List*', 'Listing the postkeep bucket only (HeadObject on a missing key needs it to answer 404).'],
      [`Resource::${arnOf(this.bucket)}/*`, 'Keys are content-addressed and created at run time; scoped to the postkeep bucket.'],
      [
        `Resource::${arnOf(this.table)}/index/*`,
        "Queries on the table's own GSIs (shared/storage/table-schema.ts); scoped to the postkeep table.",
      ],
    ];
    if (access === 'read-write') {
      findings.push(
        ['Action::s3:DeleteObject*', 'Takedowns purge media; limited to the postkeep bucket.'],
        ['Action::s3:Abort*', 'Aborting failed multipart uploads of large media; limited to the postkeep bucket.'],
      );
    }
    for (const [finding, reason] of findings) {
      Validations.of(fn).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
  }
}
