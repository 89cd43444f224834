/**
 * The one DynamoDB table (single-table design), described once and used by both the CDK
 * stateful stack and the local runtime's provisioning, so the two can never drift.
 * docs/architecture.md explains every key and index.
 */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** KEYS_ONLY indexes are fetched back by key; ALL copies the item; INCLUDE copies `nonKeyAttributes`. */
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** With INCLUDE: the attributes copied into the index besides the table's and the index's keys. */
  readonly nonKeyAttributes?: readonly string[];
}

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Epoch-seconds attribute DynamoDB deletes expired items by (idempotency claims). The local
 * emulator has no TTL, so every reader also checks expiry itself. */
export const TABLE_TTL_ATTRIBUTE = 'ttl';

export const TABLE_INDEXES: readonly IndexDefinition[] = [
  // Inbox by status, newest first: gsi1pk = STATUS#<status>, gsi1sk = <receivedAt>#<id>
  { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
  // Work due by time (SLA): gsi2pk = DUE#<clock>, gsi2sk = <dueAt>#<id>; sparse (only items on a clock)
  { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
  // One customer's items: gsi3pk = CUSTOMER#<customerId>, gsi3sk = <receivedAt>#<id>; sparse
  { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'ALL' },
  // Pipeline sweep: items accepted but not yet analyzed. gsi4pk = STAGE#received, gsi4sk = <receivedAt>#<id>; sparse
  { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'KEYS_ONLY' },
  // Triage by priority: gsi5pk = PRIORITY#<status>#<rank> (0 urgent … 3 low), gsi5sk = <receivedAt>#<id>; analyzed items only
  { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'ALL' },
];

/** Every key attribute is a string. */
export const TABLE_ATTRIBUTES: readonly string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]),
];
