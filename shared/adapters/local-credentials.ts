import type { ReadConfig } from '../config.js';

/**
 * The embedded servers check no signature but the SDK insists on signing: against local
 * endpoints it gets fixed dummy credentials; in AWS, undefined lets the SDK find the real ones.
 */
export function localCredentials(
  config: Pick<ReadConfig, 's3Endpoint' | 'dynamoEndpoint'>,
): { accessKeyId: string; secretAccessKey: string } | undefined {
  const local = config.s3Endpoint !== null || config.dynamoEndpoint !== null;
  return local ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } : undefined;
}
