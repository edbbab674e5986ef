import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { buildAwsClients } from '../../shared/adapters/aws-clients.js';
import { isStorageOutage, toStorageError } from '../../shared/adapters/storage-errors.js';
import { loadConfig } from '../../shared/config.js';
import { ConflictError, StorageUnavailableError } from '../../shared/errors.js';

const sdkError = (name: string, status?: number, code?: string): Error =>
  Object.assign(new Error(`${name} happened`), { name, ...(code ? { code } : {}), $metadata: status ? { httpStatusCode: status } : {} });

describe('which store errors are outages', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), true],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true],
    ['socket hang up without a code', new Error('socket hang up'), true],
    ['the SDK time-out', sdkError('TimeoutError'), true],
    ['throttling', sdkError('ThrottlingException', 400), true],
    ['a 500 from the store', sdkError('InternalError', 500), true],
    ['a 503 from the store', sdkError('ServiceUnavailable', 503), true],
    ['a failed condition', sdkError('ConditionalCheckFailedException', 400), false],
    ['a missing key', sdkError('NoSuchKey', 404), false],
    ['a malformed request', sdkError('ValidationException', 400), false],
    ['a domain error', new ConflictError('taken', null), false],
    ['not an error at all', 'a string', false],
  ])('%s → %s', (_what, error, outage) => {
    expect(isStorageOutage(error)).toBe(outage);
  });

  it('wraps an outage with its cause and leaves anything else as it was', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const wrapped = toStorageError(refused, 'DynamoDB');
    expect(wrapped).toBeInstanceOf(StorageUnavailableError);
    expect(wrapped).toMatchObject({ code: 'storage_unavailable', cause: refused });
    const missing = sdkError('NoSuchKey', 404);
    expect(toStorageError(missing, 'S3')).toBe(missing);
  });
});

describe('the storage clients', () => {
  // Port 1 on loopback refuses at once: nothing listens there.
  const clients = buildAwsClients(
    loadConfig({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1', LOG_LEVEL: 'SILENT' }),
    { connectionTimeoutMs: 500, requestTimeoutMs: 500, maxAttempts: 1 },
  );

  it('answer a refused connection with StorageUnavailableError, on S3 and DynamoDB alike', async () => {
    await expect(clients.s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }))).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(clients.dynamo.send(new GetCommand({ TableName: 't', Key: { pk: 'p' } }))).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it("carry the outage translation and not the SDK's logging step, which redacted every command for no logger", () => {
    for (const stack of [clients.s3.middlewareStack.identify(), clients.dynamo.middlewareStack.identify()]) {
      expect(stack.some((step) => step.startsWith('postkeepStorageErrors'))).toBe(true);
      expect(stack.some((step) => step.startsWith('loggerMiddleware'))).toBe(false);
    }
  });
});
