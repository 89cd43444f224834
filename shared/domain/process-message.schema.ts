import * as z from 'zod';
import { FeedbackIdSchema, FeedbackSchema, type Feedback } from './feedback.schema.js';

/**
 * `{id}`, and from intake also `item`: the record as accepted, so that the processor's first
 * delivery need not read it back (its conditional write still refuses a stale copy).
 */
export const ProcessMessageSchema = z.object({ id: FeedbackIdSchema, item: z.unknown().optional() });

/** What a queue message may weigh (SQS: 256 KB); a larger record is left out and read instead. */
export const MAX_MESSAGE_ITEM_BYTES = 200_000;

/** The queue message body, or undefined when it is not one of ours. */
export function parseProcessMessage(body: string): { id: string; item?: Feedback } | undefined {
  try {
    const parsed = ProcessMessageSchema.safeParse(JSON.parse(body));
    if (!parsed.success) return undefined;
    const item = parsed.data.item === undefined ? undefined : FeedbackSchema.safeParse(parsed.data.item);
    // A carried record that does not parse (an older or foreign shape) is ignored: the item is read.
    return { id: parsed.data.id, ...(item?.success && item.data.id === parsed.data.id && { item: item.data }) };
  } catch {
    return undefined;
  }
}

/** The message for an accepted record: with the record when it fits. */
export function processMessageFor(fb: Feedback): { id: string; item?: Feedback } {
  return new TextEncoder().encode(JSON.stringify(fb)).length <= MAX_MESSAGE_ITEM_BYTES ? { id: fb.id, item: fb } : { id: fb.id };
}
