import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../shared/domain/metrics/duration-histogram.js';
import {
  deltasBetween,
  feedbackContribution,
  kudosContribution,
  parseSourceId,
  phrasesOf,
  sourceIdOf,
  sourceOfKeys,
  surveyContribution,
  METRICS_SHARDS,
  shardOf,
} from '../../../shared/domain/metrics/metrics-contribution.js';
import { cellKey, metricsDay, parseCellKey, daysBetween } from '../../../shared/domain/metrics/metrics-counters.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import { startSla } from '../../../shared/domain/sla/sla-clock.js';
import { analyzedItem } from '../workflows/feedback.fixture.js';

const std = DEFAULT_SERVICE_STANDARDS; // America/Sao_Paulo, Mon-Fri 09:00-18:00

describe('cells and days', () => {
  it('round-trips cell keys, even with separators inside values', () => {
    const cell = { channel: 'email', language: 'pt', team: 'a|b#c', agent: 'ana@example.com' };
    expect(parseCellKey(cellKey(cell))).toEqual(cell);
    expect(cellKey(cell).split('|')).toHaveLength(4);
    expect(cellKey(cell)).not.toContain('#');
  });
  it('puts an instant on its day in the standards time zone', () => {
    expect(metricsDay('2026-11-28T02:00:00.000Z', 'America/Sao_Paulo')).toBe('2026-11-27');
    expect(metricsDay('2026-11-28T02:00:00.000Z', 'UTC')).toBe('2026-11-28');
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
  it('spreads sources over the shards and keeps each on one', () => {
    const shards = new Set(Array.from({ length: 400 }, (_, i) => shardOf(`feedback:${i}`)));
    expect(shards.size).toBe(METRICS_SHARDS);
    expect(shardOf('feedback:x')).toBe(shardOf('feedback:x'));
  });
});

describe('feedbackContribution', () => {
  it('counts an analyzed complaint: volume, sentiment, category, status, phrases', () => {
    const fb = analyzedItem('A entrega atrasou', 'NEGATIVE', { category: 'complaint', keyPhrases: ['Entrega  atrasada', 'entrega atrasada', '[EMAIL]', 'reembolso'], team: 'support' });
    const c = feedbackContribution(fb, std)!;
    expect(c.day).toBe('2026-11-27');
    expect(c.cell).toEqual({ channel: 'web', language: 'pt', team: 'support', agent: '-' });
    expect(c.counters).toEqual({
      items: 1,
      'status.new': 1,
      'sentiment.NEGATIVE': 1,
      'category.complaint': 1,
      'pc.entrega atrasada': 1,
      'pc.reembolso': 1,
    });
  });

  it('does not count an item that is not analyzed', () => {
    expect(feedbackContribution(analyzedItem('x', 'NEUTRAL', { stage: 'received' }), std)).toBeUndefined();
  });

  it('measures first response and resolution on business and calendar time, and SLA compliance', () => {
    // Friday 2026-11-27 17:00 in São Paulo (20:00Z); answered Monday 10:00 (13:00Z): 1 h Friday + 4 h Saturday + 1 h Monday
    // = 360 business minutes, 65 clock hours; resolved Monday 12:30: 510 business minutes.
    const receivedAt = '2026-11-27T20:00:00.000Z';
    const sla = startSla(std, { at: receivedAt, priority: 'normal', channel: 'email' });
    const fb = analyzedItem('Pedido errado', 'NEGATIVE', {
      channel: 'email',
      receivedAt,
      status: 'resolved',
      assignee: 'ana',
      firstResponseAt: '2026-11-30T13:00:00.000Z',
      resolvedAt: '2026-11-30T15:30:00.000Z',
      sla: { ...sla, firstRespondedAt: '2026-11-30T13:00:00.000Z', resolvedAt: '2026-11-30T15:30:00.000Z' },
    });
    const c = feedbackContribution(fb, std)!;
    expect(c.cell.agent).toBe('ana');
    expect(c.counters[`frt.business.${bucketOf(360)}`]).toBe(1);
    expect(c.counters[`frt.calendar.${bucketOf(65 * 60)}`]).toBe(1);
    expect(c.counters[`res.business.${bucketOf(510)}`]).toBe(1);
    expect(c.counters[`res.calendar.${bucketOf(67.5 * 60)}`]).toBe(1);
    expect(c.counters.handled).toBe(1);
    const met = sla.firstResponseDueAt >= '2026-11-30T13:00:00.000Z';
    expect(c.counters[`sla.firstResponse.${met ? 'met' : 'missed'}`]).toBe(1);
    expect(c.counters['sla.resolution.met']).toBe(1);
  });

  it('credits a survey answer to the agent and team of the item it is about', () => {
    const answer = analyzedItem('', 'POSITIVE', { channel: 'survey', text: '', rating: { type: 'nps', score: 9 }, metadata: { feedbackId: 'x' } });
    const c = feedbackContribution(answer, std, { channel: 'email', team: 'billing', assignee: 'bia' })!;
    expect(c.cell).toMatchObject({ channel: 'survey', team: 'billing', agent: 'bia' });
    expect(c.counters).toMatchObject({ 'nps.promoter': 1, 'survey.answered': 1 });
    const csat = feedbackContribution(analyzedItem('ok', 'NEUTRAL', { channel: 'survey', rating: { type: 'csat', score: 2 } }), std)!;
    expect(csat.counters['csat.2']).toBe(1);
    const detractor = feedbackContribution(analyzedItem('ruim', 'NEGATIVE', { channel: 'survey', rating: { type: 'nps', score: 6 } }), std)!;
    expect(detractor.counters['nps.detractor']).toBe(1);
  });

  it('counts surveys sent and kudos on their own days', () => {
    const survey = { id: 's1', type: 'nps' as const, customer: {}, createdAt: '2026-11-10T12:00:00.000Z', expiresAt: '2026-12-10T12:00:00.000Z', answers: 0, language: 'en' };
    expect(surveyContribution(survey, std, { channel: 'phone', assignee: 'caio' })).toEqual({
      day: '2026-11-10',
      cell: { channel: 'survey', language: 'en', team: '-', agent: 'caio' },
      counters: { 'survey.sent': 1 },
    });
    expect(kudosContribution({ agent: 'agent:dora', at: '2026-11-11T12:00:00.000Z' }, std, { channel: 'social', language: 'pt' })).toEqual({
      day: '2026-11-11',
      cell: { channel: 'social', language: 'pt', team: '-', agent: 'dora' },
      counters: { kudos: 1 },
    });
  });
});

describe('deltasBetween', () => {
  const base = feedbackContribution(analyzedItem('a', 'NEGATIVE', { category: 'complaint' }), std)!;
  it('adds everything for a new source and nothing when unchanged', () => {
    expect(deltasBetween('feedback:1', undefined, base)).toEqual([{ day: base.day, cell: base.cell, shard: shardOf('feedback:1'), counters: base.counters }]);
    expect(deltasBetween('feedback:1', base, base)).toEqual([]);
  });
  it('moves only what changed within a cell', () => {
    const resolved = feedbackContribution(analyzedItem('a', 'NEGATIVE', { category: 'complaint', status: 'open' }), std)!;
    expect(deltasBetween('feedback:1', base, resolved)).toEqual([{ day: base.day, cell: base.cell, shard: shardOf('feedback:1'), counters: { 'status.new': -1, 'status.open': 1 } }]);
  });
  it('moves the whole contribution when the cell changes (reassigned)', () => {
    const moved = feedbackContribution(analyzedItem('a', 'NEGATIVE', { category: 'complaint', assignee: 'eva' }), std)!;
    const deltas = deltasBetween('feedback:1', base, moved);
    expect(deltas).toHaveLength(2);
    expect(deltas[0]!.counters.items).toBe(-1);
    expect(deltas[0]!.cell.agent).toBe('-');
    expect(deltas[1]!.counters.items).toBe(1);
    expect(deltas[1]!.cell.agent).toBe('eva');
  });
  it('removes the contribution of a source that no longer counts', () => {
    expect(deltasBetween('feedback:1', base, undefined)[0]!.counters.items).toBe(-1);
  });
});

describe('sources', () => {
  it('recognizes exactly the source keys', () => {
    expect(sourceOfKeys({ pk: 'FEEDBACK#01A', sk: 'FEEDBACK' })).toEqual({ kind: 'feedback', id: '01A' });
    expect(sourceOfKeys({ pk: 'SURVEY#s1', sk: 'SURVEY' })).toEqual({ kind: 'survey', id: 's1' });
    expect(sourceOfKeys({ pk: 'KUDOS#agent:ana', sk: 'FEEDBACK#01A' })).toEqual({ kind: 'kudos', agent: 'agent:ana', feedbackId: '01A' });
    for (const keys of [{ pk: 'FEEDBACK#01A', sk: 'ACTION#x' }, { pk: 'METRICS#2026-11-01', sk: 'x' }, { pk: 'MLEDGER#feedback:01A', sk: 'MLEDGER' }, { pk: 'COLLECTION#praise', sk: 'FEEDBACK#01A' }])
      expect(sourceOfKeys(keys)).toBeUndefined();
  });
  it('round-trips source ids, kudos agents with colons included', () => {
    for (const ref of [{ kind: 'feedback', id: '01A' }, { kind: 'survey', id: 's1' }, { kind: 'kudos', feedbackId: '01A', agent: 'agent:ana' }] as const)
      expect(parseSourceId(sourceIdOf(ref))).toEqual(ref);
    expect(parseSourceId('nope')).toBeUndefined();
  });
  it('normalizes phrases', () => {
    expect(phrasesOf(['A', 'a', ' b  c ', '', 'd', 'e', 'f', 'g'])).toEqual(['a', 'b c', 'd', 'e', 'f']);
  });
});
