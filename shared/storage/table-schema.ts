/**
 * The one definition of the table's keys and indexes. The CDK stack (infra/storage) and the
 * local provisioning (shared/adapters/provision.ts) are both built from it, so the table in AWS
 * and the one `npm start` and the tests create cannot drift. docs/adr/0008-people-events-versions-data-model.md
 * says which item sits under which key and which query uses which index.
 */
export interface IndexSchema {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** What the index is for: kept beside the definition so the ADR and the code agree. */
  readonly holds: string;
}

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * Epoch seconds after which DynamoDB may delete an item (workspace sessions). dynalite has no
 * UpdateTimeToLive, so the code also checks expiry on every read; in AWS the table deletes them.
 */
export const TTL_ATTRIBUTE = 'ttl';

export const TABLE_INDEXES: readonly IndexSchema[] = [
  { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', holds: 'lists: posts by capture time, people, events by time' },
  { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', holds: 'per owner: the keys of a person, the events of a post' },
  { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', holds: 'the events of an actor; posts due for a re-check by last check' },
  { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', holds: 'items whose events and versions are not yet written out' },
];

/** Every key attribute is a string; DynamoDB needs each one declared once. */
export function keyAttributes(): string[] {
  return [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey])];
}
