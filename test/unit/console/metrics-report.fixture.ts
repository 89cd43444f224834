import { MetricsReportSchema, type MetricsReport } from '../../../shared/domain/metrics/metrics-report.schema.js';

const noTimes = { count: 0, median: null, p90: null };
const clocks = (business: number | null, calendar: number | null, count = 1) => ({
  business: business === null ? noTimes : { count, median: business, p90: business * 2 },
  calendar: calendar === null ? noTimes : { count, median: calendar, p90: calendar * 2 },
});

/** A three-day report as `GET /v1/metrics` answers it (checked against the contract's schema). */
export const REPORT: MetricsReport = MetricsReportSchema.parse({
  range: { from: '2024-05-30', to: '2024-06-01', timezone: 'America/Sao_Paulo', days: 3 },
  filters: { channel: [], team: [], agent: [], language: [] },
  totals: {
    items: 7,
    channels: { email: 4, web: 2, survey: 1 },
    languages: { pt: 5, en: 2 },
    sentiment: { NEGATIVE: 3, POSITIVE: 3, NEUTRAL: 1 },
    categories: { complaint: 3, praise: 3, question: 1 },
    nps: { score: 33.3, promoters: 2, passives: 0, detractors: 1, responses: 3 },
    csat: { score: 50, satisfied: 1, responses: 2, distribution: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 1 } },
    surveys: { sent: 4, answered: 3, responseRate: 75 },
    firstResponse: clocks(80, 130, 4),
    resolution: clocks(3060, 4000, 2),
    sla: { firstResponse: { met: 3, missed: 1, compliance: 75 }, resolution: { met: 1, missed: 1, compliance: 50 } },
    handled: 5,
    kudos: 2,
  },
  targets: { clock: 'business', firstResponseMinutes: 240, resolutionMinutes: 2880 },
  daily: [
    {
      date: '2024-05-30', items: 4, channels: { email: 3, web: 1 }, sentiment: { NEGATIVE: 2, POSITIVE: 1, NEUTRAL: 1 },
      categories: { complaint: 2, praise: 1, question: 1 }, nps: -100, npsResponses: 1, csat: null, csatResponses: 0,
      firstResponse: clocks(45, 60, 3), slaCompliance: { firstResponse: 66.7, resolution: null },
    },
    {
      date: '2024-05-31', items: 0, channels: {}, sentiment: {}, categories: {}, nps: null, npsResponses: 0, csat: null, csatResponses: 0,
      firstResponse: clocks(null, null), slaCompliance: { firstResponse: null, resolution: null },
    },
    {
      date: '2024-06-01', items: 3, channels: { email: 1, web: 1, survey: 1 }, sentiment: { NEGATIVE: 1, POSITIVE: 2 },
      categories: { complaint: 1, praise: 2 }, nps: 100, npsResponses: 2, csat: 50, csatResponses: 2,
      firstResponse: clocks(300, 500), slaCompliance: { firstResponse: 100, resolution: 50 },
    },
  ],
  topPhrases: {
    complaint: [{ phrase: 'entrega atrasada', count: 2 }, { phrase: 'reembolso, "já"', count: 1 }],
    praise: [{ phrase: 'atendimento ótimo', count: 3 }],
  },
  agents: [
    { agent: 'ana@loja.example', items: 4, handled: 4, firstResponse: clocks(60, 95.5), csat: { score: 100, responses: 1 }, nps: { score: 100, responses: 2 }, kudos: 2 },
    { agent: '-', items: 3, handled: 1, firstResponse: clocks(null, null), csat: { score: 0, responses: 1 }, nps: { score: -100, responses: 1 }, kudos: 0 },
  ],
  backlog: {
    asOf: '2024-06-01T15:00:00.000Z',
    total: 4,
    byStatus: {
      new: { total: 2, ages: { lt1d: 1, d1to3: 1, d3to7: 0, d7to30: 0, gt30d: 0 } },
      open: { total: 1, ages: { lt1d: 0, d1to3: 0, d3to7: 1, d7to30: 0, gt30d: 0 } },
      pending: { total: 1, ages: { lt1d: 0, d1to3: 0, d3to7: 0, d7to30: 0, gt30d: 1 } },
    },
  },
  dimensions: { channels: ['email', 'survey', 'web'], languages: ['en', 'pt'], teams: ['-', 'suporte'], agents: ['-', 'ana@loja.example'] },
  meta: { generatedAt: '2024-06-01T15:00:00.000Z', storeReads: 4 },
});
