import { describe, expect, it } from 'vitest';
import { isStorageOutage, toStorageError } from '../../shared/adapters/storage-errors.js';
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
