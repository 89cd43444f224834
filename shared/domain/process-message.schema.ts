import * as z from 'zod';
import { FeedbackIdSchema } from './feedback.schema.js';

export const ProcessMessageSchema = z.object({ id: FeedbackIdSchema });

/** The queue message body, or undefined when it is not one of ours. */
export function parseProcessMessage(body: string): z.infer<typeof ProcessMessageSchema> | undefined {
  try {
    const parsed = ProcessMessageSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
