/**
 * Domain errors: each names itself, carries a stable `code` a client can switch on, and keeps its
 * cause. How they become HTTP answers is decided in one place (functions/http/on-error.ts).
 */
export abstract class PostkeepError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller sent something we cannot use (bad JSON, a field out of range, not a post URL). */
export class InvalidInputError extends PostkeepError {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class UnauthorizedError extends PostkeepError {
  readonly code = 'unauthorized';
}

/** A valid key whose role is too low for the route (CONTRACT.md: 403 `forbidden`). */
export class ForbiddenError extends PostkeepError {
  readonly code = 'forbidden';
}

export class NotFoundError extends PostkeepError {
  readonly code = 'not_found';
}

export class PayloadTooLargeError extends PostkeepError {
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaTypeError extends PostkeepError {
  readonly code = 'unsupported_media_type';
}

export class UnsupportedFormatError extends PostkeepError {
  readonly code = 'unsupported_format';
}

/** The original is deleted, private or behind a login: nothing can be captured from it now. */
export class PostUnavailableError extends PostkeepError {
  constructor(
    readonly code: 'post_gone' | 'login_wall',
    message: string,
  ) {
    super(message);
  }
}

/** Instagram (or its CDN) failed, hung, rate-limited us, or answered something unusable. */
export class UpstreamError extends PostkeepError {
  constructor(
    readonly code:
      | 'upstream_rate_limited'
      | 'upstream_failed'
      | 'upstream_timeout'
      | 'upstream_blocked'
      | 'upstream_too_large'
      | 'upstream_invalid',
    message: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options);
    this.retryable = options?.retryable ?? false;
  }
  readonly retryable: boolean;
}

/** A conditional write lost against another writer; carries what is stored now. */
export class ConflictError<T = unknown> extends PostkeepError {
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly existing: T | null,
  ) {
    super(message);
  }
}

/**
 * S3 or DynamoDB did not answer (down, stalled past the SDK's time-outs, or failing on its side).
 * Nothing was half-written that a reader could see; the same request can be retried later.
 */
export class StorageUnavailableError extends PostkeepError {
  readonly code = 'storage_unavailable';
}
