import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the oEmbed function's bundle (see
 * infra/functions/function-spec.ts). Lambda gives every function its role's credentials in
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, so the default chain's SSO,
 * STS, IMDS and profile readers are never used there; leaving them out is a third of the bundle.
 */
export function defaultProvider(): ReturnType<typeof fromEnv> {
  return fromEnv();
}
