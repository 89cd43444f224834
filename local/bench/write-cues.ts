import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof (v as { S?: unknown })?.S === 'string' ? (v as { S: string }).S : undefined);

/**
 * Calls `onWrite(id)` after each successful write to a feedback record (`FEEDBACK#<id>` /
 * `FEEDBACK`) through the runtime's client: the cue for the steady phase to ask the API whether an
 * item is readable yet, instead of polling every item (which would load the store it measures).
 * Only a cue: readability is always confirmed through `GET /v1/feedback/{id}`.
 */
export function watchFeedbackWrites(client: DynamoDBClient, onWrite: (id: string) => void): () => void {
  let active = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (!active) return out;
      const input = (args as { input: Record<string, unknown> }).input;
      const command = context.commandName;
      const keys = command === 'PutItemCommand' ? input.Item : command === 'UpdateItemCommand' ? input.Key : undefined;
      const pk = str((keys as Record<string, unknown> | undefined)?.pk);
      if (pk?.startsWith('FEEDBACK#') && str((keys as Record<string, unknown>).sk) === 'FEEDBACK') onWrite(pk.slice('FEEDBACK#'.length));
      return out;
    },
    { step: 'initialize', name: `ouvidorBenchWriteCues${Math.random().toString(36).slice(2)}` },
  );
  return () => {
    active = false;
  };
}
