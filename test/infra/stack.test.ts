import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_NODE_FLAGS } from '../../functions/api/node-flags.js';
import { RECHECK_EVENT } from '../../functions/api/recheck-event.js';
import { buildApp } from '../../infra/app.js';
import { embedLinkCode, embedRewritePath } from '../../infra/cdn/cdn.js';
import type { PostkeepStack } from '../../infra/postkeep-stack.js';
import { toCreateTableInput } from '../../shared/adapters/provision.js';
import { DEFAULT_VARIANT, EMBED_PAGE_HEADERS, embedHeaders, HEIGHT_SCRIPT_HASH, renderEmbedPage } from '../../shared/embed/index.js';
import { TTL_ATTRIBUTE } from '../../shared/storage/table-schema.js';
import { postRecord } from '../support/records.js';

// biome-ignore lint/suspicious/noExplicitAny: the synthesized template is walked loosely in assertions
type Json = Record<string, any>;

let stack: PostkeepStack;
let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  ({ stack } = buildApp({
    context: { 'postkeep:bundling': 'skip', publicBaseUrl: 'https://embeds.example.org' },
    // The template schema check runs once, in nag.test.ts; here it would only add seconds.
    builtinCloudFormationValidation: false,
  }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Json>;
});

/** A CSP as directive → sources, so two policies compare by meaning rather than by spelling. */
function parseCsp(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources.sort()]),
  );
}

const logicalId = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as never);

function ofType(type: string): Array<[string, Json]> {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

function only(type: string): [string, Json] {
  const found = ofType(type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function distributionConfig(): Json {
  return only('AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as Json;
}

function behavior(pathPattern: string): Json {
  const found = (distributionConfig().CacheBehaviors as Json[]).find((b) => b.PathPattern === pathPattern);
  expect(found, `behaviour ${pathPattern}`).toBeDefined();
  return found!;
}

function origin(id: string): Json {
  const found = (distributionConfig().Origins as Json[]).find((o) => o.Id === id);
  expect(found, `origin ${id}`).toBeDefined();
  return found!;
}

/** Every IAM action granted by the policies attached to a function's role. */
function actionsOf(fn: { role?: { node: { defaultChild?: unknown } } }): string[] {
  const roleId = logicalId(fn.role!);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[])
    .flatMap((s) => [s.Action].flat() as string[]);
}

function functionProps(fn: { node: { defaultChild?: unknown } }): Json {
  return resources[logicalId(fn)]!.Properties as Json;
}

describe('storage', () => {
  it('has a private, versioned, encrypted bucket that logs to a separate bucket', () => {
    const { bucket, logBucket } = stack.storage;
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(logBucket) } },
    });
    expect(resources[logicalId(bucket)]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(logicalId(bucket)).not.toBe(logicalId(logBucket));
  });

  it('denies plain-HTTP access to both buckets', () => {
    for (const b of [stack.storage.bucket, stack.storage.logBucket]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId(b) },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('has an on-demand table with PITR, kept on delete, with the keys and indexes local provisioning creates', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const local = toCreateTableInput('postkeep');
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
    });
    // Parity on the synthesized artefact: both are built from shared/storage/table-schema.ts.
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table')) as Array<{ Properties: Record<string, unknown> }>;
    const byName = (a: { AttributeName?: string; IndexName?: string }, b: typeof a) =>
      (a.IndexName ?? a.AttributeName ?? '').localeCompare(b.IndexName ?? b.AttributeName ?? '');
    expect(table!.Properties.KeySchema).toEqual(local.KeySchema);
    expect([...(table!.Properties.AttributeDefinitions as [])].sort(byName)).toEqual([...local.AttributeDefinitions!].sort(byName));
    expect([...(table!.Properties.GlobalSecondaryIndexes as [])].sort(byName)).toEqual([...local.GlobalSecondaryIndexes!].sort(byName));
    expect(local.GlobalSecondaryIndexes!.map((index) => index.IndexName)).toContain('gsi3');
  });

  it("expires superseded object versions of the media bucket after 35 days, the table's PITR window", () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-superseded-versions',
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 35 },
            ExpiredObjectDeleteMarker: true,
          }),
        ]),
      },
    });
  });
});

describe('functions', () => {
  it('runs the API on Node 22 arm64 with 1536 MB and 60 s', () => {
    expect(functionProps(stack.functions.api)).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 1536,
      Timeout: 60,
    });
  });

  it('runs oEmbed on Node 22 arm64 with 256 MB and 10 s', () => {
    expect(functionProps(stack.functions.oembed)).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 10,
    });
  });

  it('gives both functions exactly the environment the code reads; key digests only to the API', () => {
    const shared = {
      POSTKEEP_BUCKET: { Ref: logicalId(stack.storage.bucket) },
      POSTKEEP_TABLE: { Ref: logicalId(stack.storage.table) },
      PUBLIC_BASE_URL: { Ref: 'PublicBaseUrl' },
    };
    expect(functionProps(stack.functions.api).Environment.Variables).toEqual({
      ...shared,
      API_KEY_HASHES: { Ref: 'ApiKeyHashes' },
      NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=32',
    });
    expect(functionProps(stack.functions.oembed).Environment.Variables).toEqual(shared);
  });

  it('runs the API process with the same V8 flags in Lambda and under npm start', () => {
    const lambda = (functionProps(stack.functions.api).Environment.Variables as Record<string, string>).NODE_OPTIONS!.split(' ');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    const start = pkg.scripts.start!.split(' ');
    expect(API_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of API_NODE_FLAGS) {
      expect(lambda).toContain(flag);
      expect(start).toContain(flag);
    }
  });

  it('takes the API key digests from a NoEcho parameter and the base URL from a parameter', () => {
    template.hasParameter('ApiKeyHashes', {
      Type: 'String',
      NoEcho: true,
      AllowedPattern: '^[0-9a-f]{64}(,[0-9a-f]{64})*$',
    });
    template.hasParameter('PublicBaseUrl', { Type: 'String', Default: 'https://embeds.example.org' });
    const pattern = new RegExp(template.toJSON().Parameters.PublicBaseUrl.AllowedPattern as string);
    expect(pattern.test('https://embeds.example.org')).toBe(true);
    expect(pattern.test('https://d111111abcdef8.cloudfront.net')).toBe(true);
    expect(pattern.test('https://embeds.example.org/')).toBe(false);
    expect(pattern.test('http://embeds.example.org')).toBe(false);
    expect(pattern.test('https://embeds.example.org/a/b')).toBe(true);
    for (const bad of ["https://x.example/'+alert(1)+'", 'https://x.example/"', 'https://x.example\\y'])
      expect(pattern.test(bad), bad).toBe(false);
  });

  it('bundles the API as ESM with sharp installed for linux-arm64', () => {
    const { api } = stack.functions.specs;
    expect(api.entry).toBe('functions/api/handler.ts');
    expect(api.bundling.format).toBe('esm');
    expect(api.bundling.forceDockerBundling).toBe(false);
    expect(api.bundling.nodeModules).toEqual(['sharp']);
    const hooks = api.bundling.commandHooks!.afterBundling('/in', '/out').join('\n');
    expect(hooks).toContain('--os=linux');
    expect(hooks).toContain('--cpu=arm64');
    expect(hooks).toMatch(/sharp@\d+\.\d+\.\d+/);
    expect(hooks).toContain('/out');
  });

  it('bundles oEmbed as ESM without sharp', () => {
    const { oembed } = stack.functions.specs;
    expect(oembed.entry).toBe('functions/oembed/handler.ts');
    expect(oembed.bundling.format).toBe('esm');
    expect(oembed.bundling.forceDockerBundling).toBe(false);
    expect(oembed.bundling.nodeModules ?? []).not.toContain('sharp');
    expect(oembed.bundling.commandHooks).toBeUndefined();
  });

  it('lets the API read and write the bucket and the table', () => {
    const actions = actionsOf(stack.functions.api);
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 's3:GetObject*', 'dynamodb:PutItem', 'dynamodb:Query']));
  });

  it('gives oEmbed read access only', () => {
    const actions = actionsOf(stack.functions.oembed);
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject*', 'dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions.filter((a) => /Put|Delete|Update|Write|Abort|Create|Tag/.test(a))).toEqual([]);
  });

  it('runs the re-check of originals hourly on the API function with the event its handler expects', () => {
    const [, rule] = only('AWS::Events::Rule');
    expect(rule.Properties.ScheduleExpression).toBe('rate(1 hour)');
    const target = (rule.Properties.Targets as Json[])[0]!;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [logicalId(stack.functions.api), 'Arn'] });
    expect(JSON.parse(target.Input as string)).toEqual(RECHECK_EVENT);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalId(stack.functions.api), 'Arn'] },
    });
  });

  it('exposes the API URL without IAM (see ADR 0002) and oEmbed with IAM for CloudFront OAC', () => {
    template.hasResourceProperties('AWS::Lambda::Url', {
      TargetFunctionArn: { 'Fn::GetAtt': [logicalId(stack.functions.api), 'Arn'] },
      AuthType: 'NONE',
    });
    template.hasResourceProperties('AWS::Lambda::Url', {
      TargetFunctionArn: { 'Fn::GetAtt': [logicalId(stack.functions.oembed), 'Arn'] },
      AuthType: 'AWS_IAM',
    });
    // Only this distribution may invoke oEmbed; nobody else gets a permission on it.
    for (const action of ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction']) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: action,
        FunctionName: { 'Fn::GetAtt': [logicalId(stack.functions.oembedUrl), 'FunctionArn'] },
        Principal: 'cloudfront.amazonaws.com',
        SourceArn: Match.objectLike({
          'Fn::Join': ['', Match.arrayWith([{ Ref: logicalId(stack.cdn.distribution) }])],
        }),
      });
    }
    const publicOnOembed = ofType('AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === '*' && JSON.stringify(p.Properties.FunctionName).includes('Oembed'),
    );
    expect(publicOnOembed).toEqual([]);
  });
});

describe('cdn', () => {
  const apiOriginDomain = () => ({
    'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [logicalId(stack.functions.apiUrl), 'FunctionUrl'] }] }],
  });
  const oembedOriginDomain = () => ({
    'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [logicalId(stack.functions.oembedUrl), 'FunctionUrl'] }] }],
  });

  it('sends everything else to the API, uncached, all methods, without the Host header', () => {
    const def = distributionConfig().DefaultCacheBehavior as Json;
    expect(def.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(def.OriginRequestPolicyId).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    expect(def.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']);
    expect(def.ViewerProtocolPolicy).toBe('https-only');
    expect(origin(def.TargetOriginId as string).DomainName).toEqual(apiOriginDomain());
  });

  it('serves /oembed from the oEmbed URL through Lambda OAC, cached on the oEmbed parameters', () => {
    const b = behavior('/oembed');
    expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
    const o = origin(b.TargetOriginId as string);
    expect(o.DomainName).toEqual(oembedOriginDomain());
    expect(o.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    const oacId = (o.OriginAccessControlId as Json)['Fn::GetAtt'][0] as string;
    expect(resources[oacId]!.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 'lambda',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const policy = resources[(b.CachePolicyId as Json).Ref as string]!.Properties.CachePolicyConfig as Json;
    const qs = policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig as Json;
    expect(qs.QueryStringBehavior).toBe('whitelist');
    expect([...(qs.QueryStrings as string[])].sort()).toEqual(['format', 'maxheight', 'maxwidth', 'url']);
    expect(policy.DefaultTTL).toBeGreaterThan(0);
  });

  it('serves /embed/* and /media/* from the bucket through S3 OAC, compressed, redirecting to HTTPS', () => {
    for (const path of ['/embed/*', '/media/*']) {
      const b = behavior(path);
      expect(b).toMatchObject({ Compress: true, ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] });
      const o = origin(b.TargetOriginId as string);
      expect(o.DomainName).toEqual({ 'Fn::GetAtt': [logicalId(stack.storage.bucket), 'RegionalDomainName'] });
      const oacId = (o.OriginAccessControlId as Json)['Fn::GetAtt'][0] as string;
      expect(resources[oacId]!.Properties.OriginAccessControlConfig.OriginAccessControlOriginType).toBe('s3');
    }
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.storage.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:ListBucket'],
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('rewrites /embed/* on viewer request and adds the Link header on viewer response, with the tested code', () => {
    const assoc = behavior('/embed/*').FunctionAssociations as Json[];
    expect(assoc.map((a) => a.EventType)).toEqual(['viewer-request', 'viewer-response']);
    const fns = assoc.map((a) => resources[(a.FunctionARN as Json)['Fn::GetAtt'][0] as string]!);
    for (const fn of fns) {
      expect(fn.Type).toBe('AWS::CloudFront::Function');
      expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    }
    expect(fns[0]!.Properties.FunctionCode).toBe(readFileSync(embedRewritePath, 'utf8'));
    // The tested code with the PublicBaseUrl parameter's value joined in at deploy.
    const [before, after] = embedLinkCode('\u0000').split('\u0000');
    expect(fns[1]!.Properties.FunctionCode).toEqual({ 'Fn::Join': ['', [before, { Ref: 'PublicBaseUrl' }, after]] });
  });

  it('sends a CSP that lets the rendered embed page work, nosniff and a referrer policy, and nothing that blocks framing', () => {
    const b = behavior('/embed/*');
    const policy = resources[(b.ResponseHeadersPolicyId as Json).Ref as string]!;
    const security = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig as Json;
    // The very policy the embed page carries: browsers enforce both, so a CDN copy without the
    // height script's hash would keep WordPress's frame hidden for good.
    expect(security.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: EMBED_PAGE_HEADERS['Content-Security-Policy'],
      Override: true,
    });
    expect(security.ContentSecurityPolicy.ContentSecurityPolicy).toContain(`script-src ${HEIGHT_SCRIPT_HASH}`);
    const csp = parseCsp(security.ContentSecurityPolicy.ContentSecurityPolicy as string);

    // What the page the CDN serves actually holds: each inline script must be allowed by its hash.
    const page = renderEmbedPage(postRecord(), { baseUrl: 'https://embeds.example.org', variant: DEFAULT_VARIANT });
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(csp['script-src']).toContain(`'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
    }
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:']));
    expect(csp['style-src']).toEqual(["'unsafe-inline'"]);
    // The same policy the local server sends beside the same page.
    expect(parseCsp(embedHeaders()['Content-Security-Policy']!)).toEqual(csp);

    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: EMBED_PAGE_HEADERS['Referrer-Policy'], Override: true });
    expect(security.FrameOptions).toBeUndefined();
    expect(JSON.stringify(policy)).not.toMatch(/frame-ancestors|X-Frame-Options/i);
  });

  it('caches /media/* for a year', () => {
    const b = behavior('/media/*');
    const policy = resources[(b.CachePolicyId as Json).Ref as string]!.Properties.CachePolicyConfig as Json;
    expect(policy.DefaultTTL).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(policy.DefaultTTL as number);
  });

  it('has exactly the routes of the contract', () => {
    const patterns = (distributionConfig().CacheBehaviors as Json[]).map((b) => b.PathPattern);
    expect(patterns.sort()).toEqual(['/app', '/app/*', '/app/assets/*', '/embed/*', '/media/*', '/oembed']);
    // Everything else goes to the API function's origin.
    const fallback = distributionConfig().DefaultCacheBehavior as Json;
    expect(fallback.PathPattern).toBeUndefined();
    expect(origin(fallback.TargetOriginId as string).Id).toBe(fallback.TargetOriginId);
  });
});

describe('workspace routing', () => {
  it('lets the table delete expired workspace sessions (TTL on the attribute the sessions write)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  const apiOriginId = () => (distributionConfig().DefaultCacheBehavior as Json).TargetOriginId as string;

  it.each(['/app', '/app/*'])('%s goes to the API function, uncached, cookie and Origin forwarded, never over plain HTTP', (path) => {
    const b = behavior(path);
    expect(b.TargetOriginId).toBe(apiOriginId());
    expect(b.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(b.OriginRequestPolicyId).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    expect(b.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'GET']));
    expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('caches the hashed workspace assets at the edge, GET and HEAD only', () => {
    const b = behavior('/app/assets/*');
    expect(b.TargetOriginId).toBe(apiOriginId());
    expect(b.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
    expect(b.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
  });

  it('sends HSTS and refuses framing of workspace pages, leaving the CSP to each page', () => {
    const policyRef = behavior('/app/*').ResponseHeadersPolicyId as Json;
    const [, policy] = ofType('AWS::CloudFront::ResponseHeadersPolicy').find(([id]) => id === policyRef.Ref)!;
    const security = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig as Json;
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(security.ContentSecurityPolicy).toBeUndefined();
    expect(behavior('/app').ResponseHeadersPolicyId).toEqual(policyRef);
  });
});

describe('synthesis', () => {
  it('leaves no unacknowledged warnings or errors on the stack', () => {
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });
});

describe('outputs', () => {
  it('outputs the distribution URL, bucket name and table name', () => {
    template.hasOutput('DistributionUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.cdn.distribution), 'DomainName'] }]] },
    });
    template.hasOutput('BucketName', { Value: { Ref: logicalId(stack.storage.bucket) } });
    template.hasOutput('TableName', { Value: { Ref: logicalId(stack.storage.table) } });
  });
});
