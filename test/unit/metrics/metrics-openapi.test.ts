import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../shared/domain/metrics/metrics-report.js';
import { MetricsQuerySchema } from '../../../shared/domain/metrics/metrics-report.schema.js';
import { openApiDocument } from '../../../shared/runtime/openapi/openapi.document.js';
import { API_SAMPLES } from '../../support/api-samples.js';

type Op = { parameters: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, { schema: object }> }>; 'x-ouvidor-roles': string[] };
const op = (openApiDocument() as { paths: Record<string, Record<string, Op>> }).paths['/v1/metrics']!['get']!;

describe('GET /v1/metrics in the OpenAPI document', () => {
  it('documents exactly the query the use case parses, for admins and agents', () => {
    expect(op.parameters.filter((p) => p.in === 'query').map((p) => p.name).sort()).toEqual(Object.keys(MetricsQuerySchema.shape).sort());
    expect(op['x-ouvidor-roles']).toEqual(['admin', 'agent']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '500']);
    expect(MetricsQuerySchema.safeParse(API_SAMPLES['GET /v1/metrics']).success).toBe(true);
  });

  it('its response schema accepts a real report and refuses a broken one', () => {
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(op.responses['200']!.content!['application/json']!.schema);
    const report = buildReport(
      [{ day: '2030-01-02', cell: { channel: 'web', language: 'pt', team: '-', agent: 'ana' }, counters: { items: 3, 'nps.promoter': 2, 'frt.business.12': 1 } }],
      {
        range: { from: '2030-01-01', to: '2030-01-03', timezone: 'America/Sao_Paulo' },
        filters: { channel: [], team: [], agent: [], language: [] },
        targets: { clock: 'business', firstResponseMinutes: 240, resolutionMinutes: 2880 },
        backlog: [{ status: 'open', receivedAt: '2030-01-02T10:00:00.000Z', cell: { channel: 'web', language: 'pt', team: '-', agent: 'ana' } }],
        storeReads: 7,
        now: new Date('2030-01-03T12:00:00.000Z'),
      },
    );
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, totals: { ...report.totals, items: -1 } })).toBe(false);
  });
});
