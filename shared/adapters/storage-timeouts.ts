export interface StorageTimeouts {
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
}

/**
 * How long one storage call may take (docs/adr/0003-storage-timeouts-and-503.md): a store that
 * is down or stalled costs at most two attempts of about 3 s before the caller gets a 503,
 * within the 10 s a request may wait. The SDK's defaults wait forever on a stalled socket. The
 * SDK clients (dynamo-client.ts, aws-clients.ts) and oEmbed's table reader (signed-dynamo.ts)
 * all take these.
 */
export const STORAGE_TIMEOUTS: StorageTimeouts = {
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 3_000,
  maxAttempts: 2,
};
