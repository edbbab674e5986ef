import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.js';
import type { ObjectStore } from '../../shared/adapters/object-store.js';

// biome-ignore lint/suspicious/noExplicitAny: the synthesized template is walked loosely
type Json = Record<string, any>;

/** The distribution as `cdk synth` writes it: nothing here restates what the stack configures. */
export function synthesizedTemplate(): Json {
  const { stack } = buildApp({
    context: { 'postkeep:bundling': 'skip', publicBaseUrl: 'https://embeds.example.org' },
    builtinCloudFormationValidation: false,
  });
  return Template.fromStack(stack).toJSON() as Json;
}

interface CfHeaders {
  [name: string]: { value: string };
}
interface CfRequest {
  method: string;
  uri: string;
  querystring: Record<string, { value: string }>;
  headers: CfHeaders;
}
interface CfResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: CfHeaders;
}
type CfHandler = (event: { request: CfRequest; response?: CfResponse }) => CfRequest | CfResponse;

interface Behavior {
  readonly pathPattern: string | null;
  readonly originId: string;
  readonly viewerRequest: CfHandler | null;
  readonly viewerResponse: CfHandler | null;
  readonly headersPolicy: Json | null;
}

export interface CloudFrontStandIn {
  readonly origin: string;
  /** Behaviour path patterns in the template's order, the default last (null). */
  readonly patterns: readonly (string | null)[];
  close(): Promise<void>;
}

export interface CloudFrontOptions {
  readonly template: Json;
  /** The bucket the S3 origin points at (the real S3 API, on s3rver). */
  readonly objects: ObjectStore;
  /** Function URL origins (API, oEmbed): the same Hono app the Lambdas run. */
  readonly functions: (request: Request) => Response | Promise<Response>;
  readonly port: number;
  /** Stack parameter values, as given at deploy; the template's defaults otherwise. */
  readonly parameters?: Readonly<Record<string, string>>;
}

/**
 * Serves HTTP the way the synthesized distribution says CloudFront would: the first behaviour
 * whose path pattern matches (else the default), its viewer-request function's code run on the
 * request (a response from it is the answer), the S3 origin read at the rewritten URI (with the
 * origin path, if any), the viewer-response function run on S3's answer, then the behaviour's
 * response headers policy applied (`override` replaces what the origin sent, else fills in).
 * Everything comes from the template: functions' code (parameters joined in as CloudFormation
 * does), policies' values, origins. No caching.
 */
export async function startCloudFront(options: CloudFrontOptions): Promise<CloudFrontStandIn> {
  const resources = options.template.Resources as Record<string, Json>;
  const distribution = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::Distribution');
  if (!distribution) throw new Error('no distribution in the template');
  const config = distribution.Properties.DistributionConfig as Json;
  const origins = new Map((config.Origins as Json[]).map((o) => [o.Id as string, o]));
  const parameter = (name: string): string => {
    const value = options.parameters?.[name] ?? (options.template.Parameters?.[name]?.Default as string | undefined);
    if (value === undefined) throw new Error(`no value for parameter ${name}`);
    return value;
  };
  // What CloudFormation makes of a string property: a literal, a parameter, or their join.
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const v = value as Json;
    if (typeof v.Ref === 'string') return parameter(v.Ref);
    if (Array.isArray(v['Fn::Join'])) return (v['Fn::Join'][1] as unknown[]).map(resolve).join(v['Fn::Join'][0] as string);
    throw new Error(`cannot resolve ${JSON.stringify(value)}`);
  };

  const toBehavior = (b: Json, pathPattern: string | null): Behavior => {
    const fn = (type: string): CfHandler | null => {
      const assoc = ((b.FunctionAssociations as Json[] | undefined) ?? []).find((a) => a.EventType === type);
      if (!assoc) return null;
      const code = resolve(resources[assoc.FunctionARN['Fn::GetAtt'][0] as string]!.Properties.FunctionCode);
      // A bare context: the language built-ins only, as the cloudfront-js-2.0 runtime has.
      return runInNewContext(`${code}\nhandler;`, {}) as CfHandler;
    };
    const policyId = b.ResponseHeadersPolicyId?.Ref as string | undefined;
    return {
      pathPattern,
      originId: b.TargetOriginId as string,
      viewerRequest: fn('viewer-request'),
      viewerResponse: fn('viewer-response'),
      headersPolicy: policyId ? (resources[policyId]!.Properties.ResponseHeadersPolicyConfig as Json) : null,
    };
  };
  const behaviors: Behavior[] = [
    ...((config.CacheBehaviors as Json[]) ?? []).map((b) => toBehavior(b, b.PathPattern as string)),
    toBehavior(config.DefaultCacheBehavior as Json, null),
  ];

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`stand-in failed: ${String(error)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const behavior = behaviors.find((b) => b.pathPattern === null || matches(b.pathPattern, url.pathname))!;
    let request: CfRequest = {
      method: req.method ?? 'GET',
      uri: url.pathname,
      querystring: Object.fromEntries([...url.searchParams].map(([k, v]) => [k, { value: v }])),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, { value: String(v) }])),
    };
    if (behavior.viewerRequest) {
      const out = behavior.viewerRequest({ request });
      if ('statusCode' in out) return send(res, req, applyPolicy(out, behavior.headersPolicy));
      request = out;
    }
    const origin = origins.get(behavior.originId)!;
    let response: CfResponse & { body?: Buffer };
    if (origin.S3OriginConfig) {
      const key = `${(origin.OriginPath as string | undefined) ?? ''}${request.uri}`.replace(/^\//, '');
      const object = await options.objects.get(key);
      response = object
        ? {
            statusCode: 200,
            statusDescription: 'OK',
            headers: {
              'content-type': { value: object.contentType },
              ...(object.cacheControl ? { 'cache-control': { value: object.cacheControl } } : {}),
              ...(object.etag ? { etag: { value: object.etag } } : {}),
              ...Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, { value: v }])),
            },
            body: object.body,
          }
        : {
            statusCode: 404,
            statusDescription: 'Not Found',
            headers: { 'content-type': { value: 'application/xml' } },
            body: noSuchKey(key),
          };
    } else {
      const query = new URLSearchParams(Object.entries(request.querystring).map(([k, v]) => [k, v.value])).toString();
      const answer = await options.functions(
        new Request(`http://function-url${request.uri}${query ? `?${query}` : ''}`, { method: request.method }),
      );
      response = {
        statusCode: answer.status,
        headers: Object.fromEntries([...answer.headers].map(([k, v]) => [k, { value: v }])),
        body: Buffer.from(await answer.arrayBuffer()),
      };
    }
    // CloudFront runs no viewer-response function on origin errors of 400 and above.
    if (behavior.viewerResponse && response.statusCode < 400) {
      const body = response.body;
      response = { ...(behavior.viewerResponse({ request, response }) as CfResponse), ...(body ? { body } : {}) };
    }
    send(res, req, applyPolicy(response, behavior.headersPolicy));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    patterns: behaviors.map((b) => b.pathPattern),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The error document S3 answers a GET of a missing key with (the bucket lets CloudFront list). */
function noSuchKey(key: string): Buffer {
  const escaped = key.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${escaped}</Key></Error>`,
  );
}

/** CloudFront path patterns: `*` matches any run of characters, `?` one. */
function matches(pattern: string, path: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(path);
}

/** The header values a response headers policy sends (its security and custom headers). */
export function policyHeaders(policy: Json): Array<{ name: string; value: string; override: boolean }> {
  const out: Array<{ name: string; value: string; override: boolean }> = [];
  const security = (policy.SecurityHeadersConfig as Json | undefined) ?? {};
  if (security.ContentSecurityPolicy) {
    out.push({
      name: 'content-security-policy',
      value: security.ContentSecurityPolicy.ContentSecurityPolicy,
      override: security.ContentSecurityPolicy.Override,
    });
  }
  if (security.ContentTypeOptions)
    out.push({ name: 'x-content-type-options', value: 'nosniff', override: security.ContentTypeOptions.Override });
  if (security.ReferrerPolicy) {
    out.push({ name: 'referrer-policy', value: security.ReferrerPolicy.ReferrerPolicy, override: security.ReferrerPolicy.Override });
  }
  if (security.FrameOptions)
    out.push({ name: 'x-frame-options', value: security.FrameOptions.FrameOption, override: security.FrameOptions.Override });
  if (security.StrictTransportSecurity) {
    const h = security.StrictTransportSecurity as Json;
    const value = [`max-age=${h.AccessControlMaxAgeSec}`, h.IncludeSubdomains ? 'includeSubDomains' : '', h.Preload ? 'preload' : '']
      .filter(Boolean)
      .join('; ');
    out.push({ name: 'strict-transport-security', value, override: h.Override });
  }
  for (const h of ((policy.CustomHeadersConfig as Json | undefined)?.Items as Json[] | undefined) ?? []) {
    out.push({ name: (h.Header as string).toLowerCase(), value: h.Value, override: h.Override });
  }
  return out;
}

function applyPolicy<T extends CfResponse>(response: T, policy: Json | null): T {
  if (!policy) return response;
  const headers: CfHeaders = { ...(response.headers ?? {}) };
  for (const h of policyHeaders(policy)) if (h.override || !headers[h.name]) headers[h.name] = { value: h.value };
  return { ...response, headers };
}

function send(res: ServerResponse, req: IncomingMessage, response: CfResponse & { body?: Buffer }): void {
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, v.value]));
  res.writeHead(response.statusCode, response.statusDescription ?? '', headers);
  res.end(req.method === 'HEAD' ? undefined : response.body);
}
