import * as z from 'zod';
import { ChannelSchema } from './analysis.schema.js';
import { AttachmentRefSchema } from './feedback.schema.js';

/**
 * One message of an item's conversation after the first: a customer's email reply, and (from the
 * workflows on) what we sent. Text is stored redacted; the raw message stays in the object store.
 */
export const ThreadMessageSchema = z.object({
  messageId: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  channel: ChannelSchema,
  from: z.string().optional(),
  subject: z.string().optional(),
  text: z.string(),
  at: z.iso.datetime(),
  attachments: z.array(AttachmentRefSchema).optional(),
  rawRef: z.string().optional(),
});
export type ThreadMessage = z.infer<typeof ThreadMessageSchema>;
