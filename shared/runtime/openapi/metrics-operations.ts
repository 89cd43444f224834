import { MAX_RANGE_DAYS, MetricsReportSchema } from '../../domain/metrics/metrics-report.schema.js';
import * as z from 'zod';
import type { ApiOperation } from './api-operation.js';

const day = (d: string) => ({ description: d, schema: { type: 'string', format: 'date' } });
const anyOf = (d: string) => ({ description: `${d} (comma-separated: any of them; absent: all).` });

/** The service quality metrics. */
export const METRICS_OPERATIONS: Readonly<Record<string, ApiOperation>> = {
  'GET /v1/metrics': {
    summary: 'Service quality report: NPS, CSAT, response and resolution times, SLA compliance, volume, backlog',
    tag: 'metrics',
    auth: ['admin', 'agent'],
    description:
      `Days are in the service standards' time zone; at most ${MAX_RANGE_DAYS} days (400 naming \`from\` otherwise, and when \`from\` is after \`to\`). ` +
      'Computed from the per-day aggregates (one store read per day) and the open items (status index), never from a scan; ' +
      '`meta.storeReads` says what it cost. Times in minutes (median and p90, business and calendar clocks), percentages with one decimal, `null` for no data. ' +
      'Answers `cache-control: private, max-age=60`.',
    query: {
      from: day('First day, inclusive (YYYY-MM-DD). Default: 29 days before `to`.'),
      to: day('Last day, inclusive (YYYY-MM-DD). Default: today.'),
      channel: anyOf('Channels'),
      team: anyOf('Teams (`-`: no team)'),
      agent: anyOf('Agent ids, the assignee (`-`: unassigned)'),
      language: anyOf('Languages (case-insensitive; `-`: unknown)'),
    },
    responses: { 200: { description: 'The report.', zod: MetricsReportSchema } },
  },
  'POST /v1/local/metrics/rebuild': {
    summary: 'Recompute the metrics aggregates from the items (local runtime only; `ouvidor metrics rebuild`)',
    tag: 'metrics',
    auth: ['admin'],
    localOnly: true,
    description:
      'What `npx ouvidor metrics rebuild` asks a running local platform to do. On AWS the same command runs the rebuild against the table ' +
      '(`--table <name>`). Run it on a quiet system: changes reconciled meanwhile may be counted on top of the rebuilt figures.',
    responses: {
      200: {
        description: 'What was rebuilt.',
        zod: z.object({ sources: z.number().int(), contributing: z.number().int(), aggregates: z.number().int(), days: z.number().int() }),
      },
    },
  },
};
