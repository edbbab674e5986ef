import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import {
  AccessLevel,
  AllowedMethods,
  type BehaviorOptions,
  CachedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EMBED_HSTS_MAX_AGE_SECONDS, EMBED_PAGE_HEADERS } from '../../shared/embed/headers.js';

export const embedRewritePath = fileURLToPath(new URL('./embed-rewrite.js', import.meta.url));
export const embedLinkPath = fileURLToPath(new URL('./embed-link.js', import.meta.url));

const BASE_PLACEHOLDER = '{{PUBLIC_BASE_URL}}';

/**
 * The viewer-response function's code with PUBLIC_BASE_URL written in (a token at synth: the
 * template joins in the parameter's value). The parameter's pattern keeps quotes and
 * backslashes out, so the value cannot end the string literal it lands in.
 */
export function embedLinkCode(publicBaseUrl: string): string {
  const parts = readFileSync(embedLinkPath, 'utf8').split(`'${BASE_PLACEHOLDER}'`);
  if (parts.length !== 2) throw new Error(`${embedLinkPath} must name ${BASE_PLACEHOLDER} once`);
  return `${parts[0]}'${publicBaseUrl}'${parts[1]}`;
}

/** The query parameters oEmbed answers depend on; anything else must not split the cache. */
export const oembedQueryParameters = ['url', 'format', 'maxwidth', 'maxheight'] as const;

function referrerPolicyOf(value: string): HeadersReferrerPolicy {
  const found = Object.values(HeadersReferrerPolicy).find((policy) => policy === value);
  if (!found) throw new Error(`CloudFront has no referrer policy ${value}`);
  return found;
}

export interface CdnProps {
  readonly bucket: IBucket;
  readonly logBucket: IBucket;
  readonly apiUrl: FunctionUrl;
  readonly oembedUrl: FunctionUrl;
  /** PUBLIC_BASE_URL (a token): the base the embed pages' Link header names. */
  readonly publicBaseUrl: string;
}

/**
 * One distribution, one host: readers' views (/embed, /media) come straight from S3 and keep
 * working while Lambda or DynamoDB are down; /oembed is cached; everything else is the API.
 */
export class Cdn extends Construct {
  readonly distribution: Distribution;
  /** https URL of the distribution, without a trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);

    // LIST lets S3 answer 404 (not 403) for a missing key. Listing itself is unreachable: only
    // /embed/* and /media/* reach this origin, without query strings.
    const storageOrigin = S3BucketOrigin.withOriginAccessControl(props.bucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });

    const embedRewrite = new CloudFrontFunction(this, 'EmbedRewrite', {
      comment: 'Maps /embed/<id>?theme&hidecaption&slide to the pre-rendered S3 object',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromFile({ filePath: embedRewritePath }),
    });

    const embedLink = new CloudFrontFunction(this, 'EmbedLink', {
      comment: 'Adds the oEmbed discovery Link header to embed pages',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(embedLinkCode(props.publicBaseUrl)),
    });

    // Embeds are re-rendered when a record changes (status, takedown, correction): keep the
    // edge copy short-lived so a change reaches readers within minutes without invalidations.
    const embedCachePolicy = new CachePolicy(this, 'EmbedCache', {
      comment: 'postkeep embed pages: short TTL, variant already in the rewritten path',
      defaultTtl: Duration.minutes(5),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // Built from the one list of embed page headers the local reader sends too (Content-Type
    // and Cache-Control come with the S3 object, written from the same list).
    const embedHeaders = new ResponseHeadersPolicy(this, 'EmbedHeaders', {
      comment: 'postkeep embed pages: strict CSP, frameable',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: EMBED_PAGE_HEADERS['Content-Security-Policy'], override: true },
        // X-Content-Type-Options has one value, nosniff, which is what this option sends.
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: referrerPolicyOf(EMBED_PAGE_HEADERS['Referrer-Policy']), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(EMBED_HSTS_MAX_AGE_SECONDS),
          includeSubdomains: false,
          override: true,
        },
      },
    });

    // Media keys are content-addressed: the bytes under a key never change.
    const mediaCachePolicy = new CachePolicy(this, 'MediaCache', {
      comment: 'postkeep media: content-addressed, immutable',
      defaultTtl: Duration.days(365),
      minTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const mediaHeaders = new ResponseHeadersPolicy(this, 'MediaHeaders', {
      comment: 'postkeep media: immutable browser caching',
      securityHeadersBehavior: { contentTypeOptions: { override: true } },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cache-Control', value: 'public, max-age=31536000, immutable', override: false }],
      },
    });

    const oembedCachePolicy = new CachePolicy(this, 'OembedCache', {
      comment: 'postkeep oEmbed: keyed on the oEmbed query parameters only',
      defaultTtl: Duration.hours(1),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.allowList(...oembedQueryParameters),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // The workspace (/app, docs/adr/0009-workspace.md) is the API function's own pages: never
    // cached, the cookie and Origin forwarded, a browser never allowed plain HTTP. Its scripts
    // and stylesheet carry their hash in the name, so the edge may keep them for a year.
    const apiOrigin = new FunctionUrlOrigin(props.apiUrl, { readTimeout: Duration.seconds(60) });
    const workspaceHeaders = new ResponseHeadersPolicy(this, 'WorkspaceHeaders', {
      comment: 'postkeep workspace: HSTS, no framing, no sniffing (the CSP comes from each page)',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: false, override: true },
      },
    });
    const workspacePages: BehaviorOptions = {
      origin: apiOrigin,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: workspaceHeaders,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      compress: true,
    };
    const workspaceAssets: BehaviorOptions = {
      origin: apiOrigin,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: workspaceHeaders,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      compress: true,
    };

    const fromStorage = (extra: Partial<BehaviorOptions>): BehaviorOptions => ({
      origin: storageOrigin,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      compress: true,
      ...extra,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'postkeep',
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: apiOrigin,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // Keeps Authorization (forwarded because caching is off) and drops Host, which the
        // function URL must see as its own.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        // No redirect: a key already sent over plain HTTP is leaked; refuse instead.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      },
      additionalBehaviors: {
        '/oembed': {
          origin: FunctionUrlOrigin.withOriginAccessControl(props.oembedUrl),
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: oembedCachePolicy,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          compress: true,
        },
        '/embed/*': fromStorage({
          cachePolicy: embedCachePolicy,
          responseHeadersPolicy: embedHeaders,
          functionAssociations: [
            { function: embedRewrite, eventType: FunctionEventType.VIEWER_REQUEST },
            { function: embedLink, eventType: FunctionEventType.VIEWER_RESPONSE },
          ],
        }),
        '/media/*': fromStorage({ cachePolicy: mediaCachePolicy, responseHeadersPolicy: mediaHeaders }),
        '/app/assets/*': workspaceAssets,
        '/app': workspacePages,
        '/app/*': workspacePages,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Embeds are quoted by articles read worldwide; there is no country to restrict.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF yet: writes need an API key, reads are static S3 objects; revisit with abuse data (ADR 0002).',
      },
      {
        id: 'Annotation::@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
        reason: 'The S3 origin only serves /embed/* and /media/*, never the default behaviour or the root object.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The default *.cloudfront.net certificate cannot set a minimum TLS version; set one with the custom domain.',
      },
    );
  }
}
