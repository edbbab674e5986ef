import type { AwsClients } from '../../shared/adapters/aws-clients.js';

export interface CommandCounts {
  /** Commands sent, by name (`PutObjectCommand`, `QueryCommand`, …), since the last reset. */
  readonly s3: Record<string, number>;
  readonly dynamo: Record<string, number>;
  reset(): void;
  total(store: 's3' | 'dynamo', names: readonly string[]): number;
}

const DYNAMO_WRITES = ['PutCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand', 'PutItemCommand', 'UpdateItemCommand'];
const DYNAMO_READS = ['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'GetItemCommand', 'QueryItemCommand'];
export const WRITES = {
  dynamo: DYNAMO_WRITES,
  s3: ['PutObjectCommand', 'DeleteObjectsCommand', 'DeleteObjectCommand', 'CopyObjectCommand'],
};
export const READS = { dynamo: DYNAMO_READS, s3: ['GetObjectCommand', 'HeadObjectCommand', 'ListObjectsV2Command'] };

/** Counts every command the service's own SDK clients send, by an SDK middleware: what a request really costs. */
export function countCommands(clients: AwsClients): CommandCounts {
  const counts = { s3: {} as Record<string, number>, dynamo: {} as Record<string, number> };
  const add = (store: 's3' | 'dynamo') => (name: string) => {
    counts[store][name] = (counts[store][name] ?? 0) + 1;
  };
  const s3 = add('s3');
  const dynamo = add('dynamo');
  clients.s3.middlewareStack.add(
    (next, context) => async (args) => {
      s3(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'postkeepTestCounter' },
  );
  clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      dynamo(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'postkeepTestCounter' },
  );
  return {
    ...counts,
    reset() {
      for (const store of [counts.s3, counts.dynamo]) for (const name of Object.keys(store)) delete store[name];
    },
    total(store, names) {
      return names.reduce((sum, name) => sum + (counts[store][name] ?? 0), 0);
    },
  };
}
