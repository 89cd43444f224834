import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ActionRecordSchema, TimelineEntrySchema, type ActionRecord, type TimelineEntry } from '../domain/workflow-records.schema.js';
import type { ActionLog, ClaimRequest, RunClaim, RunOutcome, RunPlanEntry, TimelineStore } from '../ports/workflow-store.port.js';
import { collectionPartition, kudosPartition, outboxItem, recognitionItem } from './dynamo-records.adapter.js';
import { messageIdItem, threadMessageItem } from './dynamo-thread-store.adapter.js';
import { conditionalWrite, documentClient, queryAll } from './dynamo-write.util.js';

const hash = (s: string) => createHash('sha256').update(s).digest('base64url');
const pk = (feedbackId: string) => `FEEDBACK#${feedbackId}`;

async function queryPartition(doc: DynamoDBDocumentClient, table: string, feedbackId: string, prefix: string) {
  const items = await queryAll(doc, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': pk(feedbackId), ':p': prefix },
    ConsistentRead: true,
  });
  return items.map(({ pk: _p, sk: _s, ...rest }) => rest);
}

/** A workflow run's item: `FEEDBACK#<id>` / `RUN#<trigger>`, holding its actions' states and timeline entries. */
const runKey = (feedbackId: string, trigger: string) => ({ pk: pk(feedbackId), sk: `RUN#${trigger}` });
type RunItem = { rev: number; actions: Record<string, ActionRecord>; timeline: Record<string, TimelineEntry> };

/** A run's done action, as its timeline shows it (derived from the stored state, not stored twice). */
const doneEntry = (a: ActionRecord): TimelineEntry[] =>
  a.status === 'done' && a.doneAt
    ? [{ key: `action:${a.key}`, at: a.doneAt, actor: `rule:${a.ruleId}`, type: 'action-done', summary: typeof a.result?.skipped === 'string' ? `${a.type} skipped: ${a.result.skipped}` : `${a.type} done`, ...(a.result && { detail: a.result }) }]
    : [];

/** Timeline entries of every run of an item (oldest first is the caller's sort). */
async function runItems(doc: DynamoDBDocumentClient, table: string, feedbackId: string): Promise<RunItem[]> {
  return (await queryPartition(doc, table, feedbackId, 'RUN#')) as unknown as RunItem[];
}

/** Timeline entries live in the item's partition: `TIMELINE#<hash of key>` (idempotent appends), and in its run items. */
export class DynamoTimelineStore implements TimelineStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }
  append(feedbackId: string, entry: TimelineEntry): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: pk(feedbackId), sk: `TIMELINE#${hash(entry.key)}`, ...entry }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }
  async list(feedbackId: string): Promise<TimelineEntry[]> {
    const [items, runs] = await Promise.all([queryPartition(this.doc, this.tableName, feedbackId, 'TIMELINE#'), runItems(this.doc, this.tableName, feedbackId)]);
    const entries = new Map<string, TimelineEntry>();
    for (const e of [...runs.flatMap((r) => [...Object.values(r.timeline ?? {}), ...Object.values(r.actions ?? {}).flatMap(doneEntry)]), ...items]) {
      const entry = TimelineEntrySchema.parse(e);
      if (!entries.has(entry.key)) entries.set(entry.key, entry);
    }
    return [...entries.values()].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  }
}

const BATCH = 25;
/** Whether a stored action may be claimed now: new, failed and due, or pending with an expired lease. */
function claimable(r: ActionRecord | undefined, now: string, leaseCutoff: string): boolean {
  if (!r) return true;
  if (r.status === 'failed') return r.nextAttemptAt !== undefined && r.nextAttemptAt <= now;
  return r.status === 'pending' && (r.claimedAt ?? '') < leaseCutoff;
}

/**
 * Action records live in the item's partition: `ACTION#<key>` (one per action, the SLA sweeper's),
 * and `RUN#<trigger>` (one per workflow run: every action's state and the run's timeline entries,
 * claimed with one conditional write and finished with one more). Every transition is conditional.
 */
export class DynamoActionLog implements ActionLog {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }
  private key(feedbackId: string, key: string) {
    return { pk: pk(feedbackId), sk: `ACTION#${key}` };
  }

  async claim(feedbackId: string, req: ClaimRequest): Promise<ActionRecord | undefined> {
    const leaseCutoff = new Date(Date.parse(req.now) - req.leaseMs).toISOString();
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(feedbackId, req.key),
          UpdateExpression:
            'SET #key = :key, ruleId = :rule, #type = :type, #status = :pending, claimedAt = :now, attempts = if_not_exists(attempts, :zero) + :one REMOVE nextAttemptAt',
          ConditionExpression:
            'attribute_not_exists(pk) OR (#status = :failed AND nextAttemptAt <= :now) OR (#status = :pending AND claimedAt < :cutoff)',
          ExpressionAttributeNames: { '#key': 'key', '#type': 'type', '#status': 'status' },
          ExpressionAttributeValues: {
            ':key': req.key, ':rule': req.ruleId, ':type': req.type, ':pending': 'pending', ':failed': 'failed',
            ':now': req.now, ':cutoff': leaseCutoff, ':zero': 0, ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { pk: _p, sk: _s, ...record } = out.Attributes ?? {};
      return ActionRecordSchema.parse(record);
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw e;
    }
  }

  async complete(feedbackId: string, key: string, result: Record<string, unknown>, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(feedbackId, key),
        UpdateExpression: 'SET #status = :done, doneAt = :at, #result = :result REMOVE claimedAt, lastError',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
        ExpressionAttributeValues: { ':done': 'done', ':at': at, ':result': result },
      }),
    );
  }

  async fail(feedbackId: string, key: string, error: string, at: string, nextAttemptAt: string | undefined): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(feedbackId, key),
        UpdateExpression: `SET #status = :failed, lastError = :error, failedAt = :at${nextAttemptAt ? ', nextAttemptAt = :next' : ''} REMOVE claimedAt${nextAttemptAt ? '' : ', nextAttemptAt'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':error': error.slice(0, 1000), ':at': at, ...(nextAttemptAt && { ':next': nextAttemptAt }) },
      }),
    );
  }

  async list(feedbackId: string): Promise<ActionRecord[]> {
    const [items, runs] = await Promise.all([queryPartition(this.doc, this.tableName, feedbackId, 'ACTION#'), runItems(this.doc, this.tableName, feedbackId)]);
    return [...runs.flatMap((r) => Object.values(r.actions ?? {}) as Record<string, unknown>[]), ...items].map(({ failedAt: _f, ...i }) => ActionRecordSchema.parse(i));
  }

  async claimRun(feedbackId: string, trigger: string, plan: readonly RunPlanEntry[], now: string, leaseMs: number): Promise<RunClaim | undefined> {
    const leaseCutoff = new Date(Date.parse(now) - leaseMs).toISOString();
    const fresh = (e: RunPlanEntry, prev?: ActionRecord): ActionRecord => ({
      key: e.key, ruleId: e.ruleId, type: e.type, status: 'pending', attempts: (prev?.attempts ?? 0) + 1, claimedAt: now,
      ...(prev?.lastError !== undefined && { lastError: prev.lastError }),
    });
    // The usual case, a first run: one conditional put claims every action.
    const first: RunItem = { rev: 1, actions: Object.fromEntries(plan.map((e) => [e.key, fresh(e)])), timeline: {} };
    if (await conditionalWrite(this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...runKey(feedbackId, trigger), ...first }, ConditionExpression: 'attribute_not_exists(pk)' })))) {
      return { rev: 1, claimed: Object.values(first.actions), others: [] };
    }
    // A later run (a retry, a redelivered event): claim what may run now, under the run's revision.
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: runKey(feedbackId, trigger), ConsistentRead: true }));
    const stored = out.Item as (RunItem & Record<string, unknown>) | undefined;
    if (!stored) return undefined;
    const claimed: ActionRecord[] = [];
    const others: ActionRecord[] = [];
    for (const e of plan) {
      const prev = stored.actions?.[e.key];
      if (claimable(prev, now, leaseCutoff)) claimed.push(fresh(e, prev));
      else others.push(ActionRecordSchema.parse(prev));
    }
    if (claimed.length === 0) return { rev: stored.rev, claimed, others };
    const ok = await this.setUnderRev(feedbackId, trigger, stored.rev, [['actions', claimed]]);
    return ok ? { rev: stored.rev + 1, claimed, others } : undefined;
  }

  async finishRun(feedbackId: string, trigger: string, claim: RunClaim, outcome: RunOutcome): Promise<boolean> {
    // The records first (idempotent keys), then the states: an action marked done has its records.
    const puts = [
      ...outcome.outbox.map(outboxItem),
      ...outcome.messages.map((m) => threadMessageItem(feedbackId, m)),
      ...outcome.messageIds.map((m) => messageIdItem(m.messageId, feedbackId, m.at)),
      ...outcome.kudos.map((k) => recognitionItem(kudosPartition(k.agentId), feedbackId, k.at)),
      ...outcome.collections.map((c) => recognitionItem(collectionPartition(c.collection), feedbackId, c.at)),
    ];
    for (let i = 0; i < puts.length; i += BATCH) await this.batchPut(puts.slice(i, i + BATCH));
    if (outcome.actions.length + outcome.timeline.length === 0) return true;
    return this.setUnderRev(feedbackId, trigger, claim.rev, [['actions', outcome.actions], ['timeline', outcome.timeline]]);
  }

  /** Sets entries of the run record's maps (by their `key`) and bumps `rev`, only at revision `rev`. */
  private setUnderRev(feedbackId: string, trigger: string, rev: number, maps: readonly [string, readonly { readonly key: string }[]][]): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':rev': rev, ':one': 1 };
    const sets = maps.flatMap(([attribute, entries], m) =>
      entries.map((entry, n) => {
        names[`#e${m}_${n}`] = entry.key;
        values[`:e${m}_${n}`] = entry;
        return `${attribute}.#e${m}_${n} = :e${m}_${n}`;
      }),
    );
    return conditionalWrite(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(feedbackId, trigger),
          UpdateExpression: `SET ${sets.join(', ')}, rev = rev + :one`,
          ConditionExpression: 'rev = :rev',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  /** One BatchWriteItem; what the store leaves unprocessed (throttling) is sent again. */
  private async batchPut(items: Record<string, unknown>[]): Promise<void> {
    let requests: Record<string, unknown>[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
      if (attempt > 8) throw new Error('the store kept refusing a workflow run\'s records; retry later');
      const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests as never } }));
      requests = out.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
    }
  }
}
