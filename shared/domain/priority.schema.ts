import * as z from 'zod';

/** Triage priority, lowest to highest. (Its own module: the SLA schemas and the Feedback record both use it.) */
export const PrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;
