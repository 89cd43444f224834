import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { migrateTable, recordLayout, resumeInterruptedMigration, tableDefinition, waitActive } from './table-migration.js';

/**
 * Creates the table from the shared definition unless it exists; an existing table (a data folder
 * from an earlier version) gets the indexes it lacks (local/table-migration.ts).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await resumeInterruptedMigration(client, tableName);
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (existing.Table) await migrateTable(client, tableName, existing.Table);
    return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException) && (e as Error).name !== 'ResourceNotFoundException') throw e;
  }
  await client.send(new CreateTableCommand(tableDefinition(tableName)));
  // Writes to a table still CREATING fail: wait until it (and its indexes) are active.
  await waitActive(client, tableName);
  await recordLayout(client, tableName);
}

export interface ProvisionedQueue {
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
}

/** The processing queue and its DLQ (redrive after `maxReceiveCount` receives), as on AWS. */
export async function ensureQueues(client: SQSClient, name: string, opts: { visibilityTimeoutSeconds: number; maxReceiveCount: number }): Promise<ProvisionedQueue> {
  const dlq = await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq`, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
  const dlqArn = await queueArn(client, dlq.QueueUrl!);
  const q = await client.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(opts.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: String(opts.maxReceiveCount) }),
      },
    }),
  );
  return { url: q.QueueUrl!, arn: await queueArn(client, q.QueueUrl!), dlqUrl: dlq.QueueUrl! };
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return out.Attributes?.QueueArn ?? '';
}

export async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (e) {
    const name = (e as Error).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw e;
  }
}
