import { decodeTime } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { OfflineAnalyzer } from '../../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';
import { offlineRedactor } from '../../../shared/adapters/offline-redactor.adapter.js';
import { generateSeed, type SeedData, type SeedOptions } from '../../../local/seed/seed-generator.js';
import { SEED_AGENTS } from '../../../local/seed/seed-people.js';
import { FeedbackSchema, type Feedback } from '../../../shared/domain/feedback.schema.js';
import { isBusinessTime } from '../../../shared/domain/sla/business-clock.js';
import { calendarOf, DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import { compliance, dueEvents, nextDeadline } from '../../../shared/domain/sla/sla-clock.js';
import { SurveySchema } from '../../../shared/domain/survey.schema.js';
import { DEFAULT_RULES } from '../../../shared/domain/workflows/default-rules.js';
import { DateTime } from 'luxon';

const deps = { analyzer: new OfflineAnalyzer(), redactor: offlineRedactor };
const anchor = new Date('2026-11-20T15:00:00.000Z');
const base: SeedOptions = { seed: 42, items: 1000, days: 90, anchor, now: anchor, standards: DEFAULT_SERVICE_STANDARDS, rules: DEFAULT_RULES };
const DAY = 24 * 3_600_000;

let data: SeedData;
let items: Feedback[];
beforeAll(async () => {
  data = await generateSeed(deps, base);
  items = data.items.map((i) => i.feedback);
});

const share = (pred: (f: Feedback) => boolean, of: readonly Feedback[] = items): number => of.filter(pred).length / of.length;

describe('seed generator', () => {
  it('is deterministic for a seed, and another seed gives another data set', async () => {
    const small = { ...base, items: 150 };
    const [a, b, c] = await Promise.all([generateSeed(deps, small), generateSeed(deps, small), generateSeed(deps, { ...small, seed: 43 })]);
    expect(b).toEqual(a);
    expect(c.items.map((i) => i.feedback.id)).not.toEqual(a.items.map((i) => i.feedback.id));
    expect(c.items.map((i) => i.feedback.text)).not.toEqual(a.items.map((i) => i.feedback.text));
  });

  it('makes exactly the items asked for, schema-valid, with ULIDs monotonic in arrival order and at the backdated time', () => {
    expect(items).toHaveLength(1000);
    for (const f of items) {
      expect(FeedbackSchema.safeParse(f).success).toBe(true);
      expect(f.stage).toBe('analyzed');
      expect(decodeTime(f.id)).toBe(Date.parse(f.receivedAt));
      expect(Date.parse(f.receivedAt)).toBeLessThan(anchor.getTime());
      expect(Date.parse(f.receivedAt)).toBeGreaterThanOrEqual(anchor.getTime() - 90 * DAY);
      expect(f.eventPublishedAt).toBeDefined();
    }
    const ids = items.map((f) => f.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of data.surveys) expect(SurveySchema.safeParse(s).success).toBe(true);
    expect(new Set(data.surveys.map((s) => s.id)).size).toBe(data.surveys.length);
  });

  it('mixes channels, languages and categories within tolerances', () => {
    const channel = (c: string) => share((f) => f.channel === c);
    expect(channel('email')).toBeGreaterThan(0.18);
    expect(channel('email')).toBeLessThan(0.35);
    expect(channel('web')).toBeGreaterThan(0.13);
    expect(channel('social')).toBeGreaterThan(0.08);
    expect(channel('phone')).toBeGreaterThan(0.05);
    expect(channel('api')).toBeGreaterThan(0.01);
    expect(channel('api')).toBeLessThan(0.08);
    expect(channel('survey')).toBeGreaterThan(0.1);
    expect(channel('survey')).toBeLessThan(0.3);
    // The analyzer's verdict, not a label we set.
    expect(share((f) => f.language === 'pt')).toBeGreaterThan(0.55);
    expect(share((f) => f.language === 'pt')).toBeLessThan(0.75);
    expect(share((f) => f.language === 'en')).toBeGreaterThan(0.25);
    for (const category of ['complaint', 'praise', 'question', 'suggestion', 'other']) expect(share((f) => f.category === category)).toBeGreaterThan(0.05);
    expect(share((f) => f.category === 'complaint')).toBeLessThan(0.45);
    expect(new Set(items.map((f) => f.text)).size).toBeGreaterThan(items.filter((f) => f.text !== '').length * 0.8);
  });

  it('arrives mostly on weekdays and in business hours', () => {
    const cal = calendarOf(DEFAULT_SERVICE_STANDARDS);
    const customerItems = items.filter((f) => f.channel !== 'survey');
    expect(share((f) => DateTime.fromISO(f.receivedAt, { zone: cal.timezone }).weekday <= 5, customerItems)).toBeGreaterThan(0.8);
    expect(share((f) => isBusinessTime(new Date(f.receivedAt), cal), customerItems)).toBeGreaterThan(0.6);
  });

  it('ages items: old ones mostly resolved or closed, recent ones mostly still open', () => {
    const old = items.filter((f) => Date.parse(f.receivedAt) < anchor.getTime() - 30 * DAY);
    const recent = items.filter((f) => Date.parse(f.receivedAt) > anchor.getTime() - 2 * DAY);
    expect(share((f) => f.status === 'resolved' || f.status === 'closed', old)).toBeGreaterThan(0.9);
    expect(share((f) => ['new', 'open', 'pending'].includes(f.status), recent)).toBeGreaterThan(0.5);
    for (const f of items) {
      if (f.status === 'resolved' || f.status === 'closed') expect(f.resolvedAt && f.resolvedBy).toBeTruthy();
      if (f.status === 'new') expect(f.firstResponseAt).toBeUndefined();
    }
  });

  it('keeps SLA states consistent: responses after arrival, the clock agreeing with the item, nothing left for the sweeper', () => {
    const withSla = items.filter((f) => f.sla);
    expect(withSla.length).toBeGreaterThan(300);
    for (const f of items) {
      if (f.firstResponseAt) {
        expect(Date.parse(f.firstResponseAt)).toBeGreaterThanOrEqual(Date.parse(f.receivedAt));
        expect(f.firstResponseBy).toMatch(/^agent:.+@ouvidor\.local$/);
        expect(f.assignee).toBeDefined();
      }
      if (f.resolvedAt) expect(Date.parse(f.resolvedAt)).toBeGreaterThanOrEqual(Date.parse(f.firstResponseAt ?? f.receivedAt));
      const sla = f.sla;
      if (!sla) continue;
      expect(['complaint', 'question'].includes(f.category!) || f.sentiment?.label === 'NEGATIVE' || f.labels.includes('sla-breached') || f.priority === 'urgent' || f.rating !== undefined).toBe(true);
      expect(Date.parse(sla.startedAt)).toBeGreaterThanOrEqual(Date.parse(f.analysis!.analyzedAt));
      expect(sla.firstRespondedAt).toBe(f.firstResponseAt);
      expect(sla.resolvedAt).toBe(f.resolvedAt);
      expect(dueEvents(sla, anchor)).toEqual([]);
      const next = nextDeadline(sla);
      if (next) expect(Date.parse(next.dueAt)).toBeGreaterThan(anchor.getTime());
      const late = f.firstResponseAt ? f.firstResponseAt > sla.firstResponseDueAt : sla.firstResponseDueAt <= anchor.toISOString() && !f.resolvedAt;
      if (late) expect(sla.breaches.firstResponse).toBeDefined();
      if (sla.breaches.firstResponse || sla.breaches.resolution) expect(f.labels).toContain('sla-breached');
    }
    const decided = withSla.map((f) => compliance(f.sla!).firstResponseMet).filter((m) => m !== undefined);
    const met = decided.filter(Boolean).length / decided.length;
    expect(met).toBeGreaterThan(0.75);
    expect(met).toBeLessThan(0.98);
  });

  it('surveys resolved items, about 40 % answered as survey items with scores following how the case went', () => {
    const byId = new Map(items.map((f) => [f.id, f]));
    expect(data.surveys.length).toBeGreaterThan(200);
    const answered = data.surveys.filter((s) => s.answeredAt);
    expect(answered.length / data.surveys.length).toBeGreaterThan(0.33);
    expect(answered.length / data.surveys.length).toBeLessThan(0.5);
    for (const s of data.surveys) {
      const about = byId.get(s.feedbackId!)!;
      expect(s.createdAt > about.resolvedAt!).toBe(true);
      expect(s.customer).toEqual(about.customer);
      if (!s.answeredAt) continue;
      const answer = byId.get(s.feedbackItemId!)!;
      expect(answer).toMatchObject({ channel: 'survey', surveyId: s.id, rating: { type: s.type, score: s.score }, metadata: { feedbackId: s.feedbackId } });
      expect(answer.receivedAt >= s.createdAt).toBe(true);
    }
    const csat = (breached: boolean) => {
      const scores = answered.filter((s) => s.type === 'csat' && Boolean(byId.get(s.feedbackId!)!.labels.includes('sla-breached')) === breached).map((s) => s.score!);
      return scores.reduce((a, b) => a + b, 0) / scores.length;
    };
    expect(csat(true)).toBeLessThan(csat(false) - 0.5);
  });

  it('records kudos for praise naming an agent, and redacts contact details as the processor does', () => {
    expect(data.kudos.length).toBeGreaterThan(20);
    const byId = new Map(items.map((f) => [f.id, f]));
    for (const k of data.kudos) {
      const agent = SEED_AGENTS.find((a) => a.id === k.agentId)!;
      expect(byId.get(k.feedbackId)!.text).toContain(agent.name.split(' ')[0]);
    }
    const redacted = data.items.filter((i) => i.feedback.text.includes('[EMAIL]'));
    expect(redacted.length).toBeGreaterThan(5);
    for (const { feedback, original } of redacted) {
      expect(feedback.analysis!.pii.some((p) => p.type === 'EMAIL')).toBe(true);
      expect(JSON.parse(original).text).toMatch(/@example\.com(\.br)?/);
    }
    for (const f of items) if (f.customer.email) expect(f.customer.email).toMatch(/@example\.com(\.br)?$/);
  });
});
