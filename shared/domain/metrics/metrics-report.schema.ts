import * as z from 'zod';

/**
 * `GET /v1/metrics`: the query and the report. Times are minutes (one decimal); percentages one
 * decimal; `null` means "no data" (never 0). The report is computed from the per-day aggregates
 * only (plus the backlog, from the status index): its cost does not grow with the number of items.
 */

const Day = z.iso.date();
/** A comma list of values ("any of"); empty parts are dropped. */
const AnyOf = z
  .string()
  .max(500)
  .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter((v) => v !== ''))])
  .optional();

/** At most this many days per report (one store query per day). */
export const MAX_RANGE_DAYS = 366;

export const MetricsQuerySchema = z.object({
  /** First day, inclusive (in the standards' time zone). Default: 29 days before `to`. */
  from: Day.optional(),
  /** Last day, inclusive. Default: today. */
  to: Day.optional(),
  channel: AnyOf,
  team: AnyOf,
  /** An agent id (the item's assignee), or `-` for unassigned. */
  agent: AnyOf,
  language: AnyOf,
});
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

const Count = z.number().int().min(0);
const Pct = z.number().nullable();
const Minutes = z.number().nullable();

/** Median and p90 (nearest rank, from the mergeable histogram: within 1 %, or < 1 minute below an hour). */
export const DurationStatsSchema = z.object({ count: Count, median: Minutes, p90: Minutes });
export type DurationStats = z.infer<typeof DurationStatsSchema>;

const ClockStats = z.object({ business: DurationStatsSchema, calendar: DurationStatsSchema });
const Tally = z.record(z.string(), Count);
const SlaOutcome = z.object({ met: Count, missed: Count, compliance: Pct });

export const NpsSchema = z.object({ score: Pct, promoters: Count, passives: Count, detractors: Count, responses: Count });
export const CsatSchema = z.object({
  score: Pct,
  satisfied: Count,
  responses: Count,
  /** Answers per score "1".."5". */
  distribution: Tally,
});

export const MetricsDaySchema = z.object({
  date: Day,
  items: Count,
  channels: Tally,
  sentiment: Tally,
  categories: Tally,
  nps: Pct,
  npsResponses: Count,
  csat: Pct,
  csatResponses: Count,
  firstResponse: ClockStats,
  slaCompliance: z.object({ firstResponse: Pct, resolution: Pct }),
});
export type MetricsDay = z.infer<typeof MetricsDaySchema>;

export const AgentRowSchema = z.object({
  /** The assignee id, `-` for unassigned items. */
  agent: z.string(),
  items: Count,
  handled: Count,
  firstResponse: ClockStats,
  csat: z.object({ score: Pct, responses: Count }),
  nps: z.object({ score: Pct, responses: Count }),
  kudos: Count,
});
export type AgentRow = z.infer<typeof AgentRowSchema>;

const AgeBuckets = z.object({ lt1d: Count, d1to3: Count, d3to7: Count, d7to30: Count, gt30d: Count });
export const BacklogSchema = z.object({
  asOf: z.iso.datetime(),
  total: Count,
  /** Open work (`new`, `open`, `pending`) by status and age since received. */
  byStatus: z.record(z.string(), z.object({ total: Count, ages: AgeBuckets })),
});
export type Backlog = z.infer<typeof BacklogSchema>;

export const PhraseCountSchema = z.object({ phrase: z.string(), count: Count });

export const MetricsReportSchema = z.object({
  range: z.object({ from: Day, to: Day, timezone: z.string(), days: Count }),
  filters: z.object({ channel: z.array(z.string()), team: z.array(z.string()), agent: z.array(z.string()), language: z.array(z.string()) }),
  totals: z.object({
    items: Count,
    channels: Tally,
    languages: Tally,
    sentiment: Tally,
    categories: Tally,
    nps: NpsSchema,
    csat: CsatSchema,
    surveys: z.object({ sent: Count, answered: Count, responseRate: Pct }),
    firstResponse: ClockStats,
    resolution: ClockStats,
    sla: z.object({ firstResponse: SlaOutcome, resolution: SlaOutcome }),
    handled: Count,
    kudos: Count,
  }),
  /** The promised targets for a `normal` item (the dashboard's "against target" line). */
  targets: z.object({ clock: z.enum(['business', 'calendar']), firstResponseMinutes: z.number(), resolutionMinutes: z.number() }),
  daily: z.array(MetricsDaySchema),
  topPhrases: z.object({ complaint: z.array(PhraseCountSchema), praise: z.array(PhraseCountSchema) }),
  agents: z.array(AgentRowSchema),
  backlog: BacklogSchema,
  /** Values seen in range before filtering (for the filter pickers). */
  dimensions: z.object({ channels: z.array(z.string()), languages: z.array(z.string()), teams: z.array(z.string()), agents: z.array(z.string()) }),
  meta: z.object({ generatedAt: z.iso.datetime(), storeReads: Count }),
});
export type MetricsReport = z.infer<typeof MetricsReportSchema>;
