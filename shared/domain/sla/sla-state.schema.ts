import * as z from 'zod';
import { ChannelSchema } from '../analysis.schema.js';
import { PrioritySchema } from '../priority.schema.js';
import { OuvidorError } from '../errors.js';
import { ClockKindSchema } from './service-standards.schema.js';

/**
 * The SLA state of one feedback item: its policy (frozen when the clock starts, so a later change
 * of the standards does not move deadlines already promised), the due instants, what happened,
 * and which warnings and breaches were already escalated. All instants are ISO-8601 UTC strings.
 */

const Instant = z.iso.datetime();
const Minutes = z.number().int().positive();

export const SlaPolicySchema = z.object({
  priority: PrioritySchema,
  channel: ChannelSchema,
  clock: ClockKindSchema,
  /** Targets in minutes of `clock`, from `targetsFor` when the clock started or was reprioritized. */
  firstResponseMinutes: Minutes,
  resolutionMinutes: Minutes,
  /** The standards' `warnBeforeMinutes` (the lead used is at most half of each target). */
  warnBeforeMinutes: z.number().int().min(0),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export const SlaClockNameSchema = z.enum(['firstResponse', 'resolution']);
export type SlaClockName = z.infer<typeof SlaClockNameSchema>;

export const SlaEventKindSchema = z.enum(['warning', 'breach']);
export type SlaEventKind = z.infer<typeof SlaEventKindSchema>;

/** When each clock's warning or breach was escalated (ISO). */
export const SlaMarksSchema = z.object({ firstResponse: Instant.optional(), resolution: Instant.optional() });

export const SlaStateSchema = z.object({
  policy: SlaPolicySchema,
  startedAt: Instant,
  firstResponseDueAt: Instant,
  /** Absent when the target is too short for a warning (lead of 0). */
  firstResponseWarnAt: Instant.optional(),
  resolutionDueAt: Instant,
  resolutionWarnAt: Instant.optional(),
  firstRespondedAt: Instant.optional(),
  resolvedAt: Instant.optional(),
  /** Set while pending on the customer: the resolution clock is stopped. Kept if resolved while paused. */
  pausedAt: Instant.optional(),
  /** Minutes of the policy's clock (business minutes unless `clock` is `calendar`) spent paused, closed pauses only. */
  pausedBusinessMinutes: z.number().min(0).default(0),
  reprioritizedAt: Instant.optional(),
  breaches: SlaMarksSchema.default({}),
  warned: SlaMarksSchema.default({}),
});
export type SlaState = z.infer<typeof SlaStateSchema>;

export const SlaEventSchema = z.object({ clock: SlaClockNameSchema, kind: SlaEventKindSchema, dueAt: Instant });
export type SlaEvent = z.infer<typeof SlaEventSchema>;

/** A transition that the item's SLA state does not allow (e.g. pausing a resolved item). */
export class SlaTransitionError extends OuvidorError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(409, 'sla_transition_invalid', message, options);
  }
}
