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

/**
 * What the inbox's queries read from an index entry besides its keys: the attributes the list
 * filters on (status, priority, sentiment, category, channel, language, labels, assignee,
 * receivedAt) and the backlog's dimensions (team). The page itself is fetched back by key
 * (BatchGetItem), so an entry stays a few hundred bytes (1 WU) and is rewritten only when one of
 * these changes; `feedbackId`/`at` serve the kudos and collection lists that share gsi1.
 */
export const LIST_INDEX_ATTRIBUTES: readonly string[] = ['status', 'priority', 'sentiment', 'category', 'channel', 'language', 'labels', 'assignee', 'receivedAt', 'team'];

export const TABLE_INDEXES: readonly IndexDefinition[] = [
  // Inbox by status, newest first: gsi1pk = STATUS#<status>#<shard>, gsi1sk = <receivedAt>#<id>.
  // Also USER, CANNED, OUTBOX (fetched back by key), KUDOS#/COLLECTION# (feedbackId, at projected).
  { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'INCLUDE', nonKeyAttributes: [...LIST_INDEX_ATTRIBUTES, 'feedbackId', 'at'] },
  // Work due by time (SLA): gsi2pk = SLA#<shard>, gsi2sk = <dueAt>#<id>; sparse (only items on a clock)
  { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'INCLUDE', nonKeyAttributes: LIST_INDEX_ATTRIBUTES },
  // One customer's items: gsi3pk = CUSTOMER#<customerId>, gsi3sk = <receivedAt>#<id>; also OUTBOX#<feedbackId>; sparse, fetched back by key
  { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'KEYS_ONLY' },
  // Pipeline sweep: items accepted but not yet analyzed, gsi4pk = STAGE#received#<shard>, gsi4sk = <receivedAt>#<id>;
  // and EVENTS#pending#<shard>; sparse. `sweeps` lets the sweeper decide without reading the item.
  { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'INCLUDE', nonKeyAttributes: ['sweeps'] },
  // Triage by priority: gsi5pk = PRIORITY#<status>#<rank>#<shard> (rank 0 urgent … 3 low), gsi5sk = <receivedAt>#<id>; analyzed items only
  { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'INCLUDE', nonKeyAttributes: LIST_INDEX_ATTRIBUTES },
];

/**
 * The layout of keys written into items (shards, key formats). Bumped whenever existing items
 * must be re-keyed; the local migration compares it with the table's `META#layout` item.
 */
export const TABLE_LAYOUT_VERSION = 2;

/** Every key attribute is a string. */
export const TABLE_ATTRIBUTES: readonly string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]),
];
