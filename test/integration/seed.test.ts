import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedCommand } from '../../local/commands/seed.command.js';
import { RUNTIME_FILE } from '../../local/on-disk-table.js';
import type { SeedSummary } from '../../local/seed/seed-data.use-case.js';
import { daysBetween, metricsDay, type Counters } from '../../shared/domain/metrics/metrics-counters.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../shared/domain/sla/service-standards.schema.js';
import { API_SAMPLES } from '../support/api-samples.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let p: TestPlatform;
const offlineDir = mkdtempSync(join(tmpdir(), 'ouvidor-seed-'));
const previousDataDir = process.env.OUVIDOR_DATA_DIR;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  if (previousDataDir === undefined) delete process.env.OUVIDOR_DATA_DIR;
  else process.env.OUVIDOR_DATA_DIR = previousDataDir;
  await p?.stop();
  rmSync(offlineDir, { recursive: true, force: true });
});

const seed = async (body: object, role: 'admin' | 'agent' = 'admin') =>
  fetch(`${p.url}/v1/local/seed`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await p.token(role)}` }, body: JSON.stringify(body) });
const getJson = async <T>(path: string): Promise<T> => {
  const res = await p.get(path, 'admin');
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

/** Every counter of the aggregates over `days`, summed per counter name. */
async function totals(days: string[]): Promise<Counters> {
  const out: Counters = {};
  for (const r of (await p.container.metrics.readDays(days)).rows) for (const [k, v] of Object.entries(r.counters)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** As the CLI prints it. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let errors = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    errors += String(chunk);
    return true;
  });
  try {
    return { code: await seedCommand(argv), out, err: errors };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

describe('seeding a running platform (POST /v1/local/seed)', () => {
  let summary: SeedSummary;

  it('is for admins only', async () => {
    expect((await seed({ items: 5 }, 'agent')).status).toBe(403);
    expect((await seed({ items: 0 })).status).toBe(400);
  });

  it('writes the items as final analyzed records, listed by the inbox and readable, with nothing published or queued', async () => {
    const res = await seed(API_SAMPLES['POST /v1/local/seed']!);
    expect(res.status).toBe(200);
    summary = (await res.json()) as SeedSummary;
    expect(summary).toMatchObject({ items: 200, days: 30, seed: 7, written: 200, existing: 0, agentsCreated: 10 });
    expect(summary.surveys).toBeGreaterThan(20);

    const listed: Feedback[] = [];
    let cursor: string | undefined;
    do {
      const page = await getJson<{ items: Feedback[]; cursor?: string }>(`/v1/feedback?status=new,open,pending,resolved,closed&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      listed.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    expect(new Set(listed.map((f) => f.id)).size).toBe(200);
    expect(Object.fromEntries(Object.entries(summary.byStatus))).toEqual(listed.reduce<Record<string, number>>((m, f) => ({ ...m, [f.status]: (m[f.status] ?? 0) + 1 }), {}));

    const answer = listed.find((f) => f.channel === 'survey')!;
    const read = await getJson<Feedback & { customerProfile?: unknown }>(`/v1/feedback/${answer.id}`);
    expect(read).toMatchObject({ id: answer.id, stage: 'analyzed', rating: { type: expect.stringMatching(/nps|csat/) }, surveyId: expect.any(String) });
    const email = listed.find((f) => f.channel === 'email')!;
    expect((await getJson<Feedback>(`/v1/feedback/${email.id}`)).text).not.toBe('');
    expect((await getJson<{ text: string }>(`/v1/feedback/${email.id}/original`)).text.length).toBeGreaterThan(0);
    expect(email.customer.id).toBeDefined();

    expect(await p.queueDepth()).toBe(0);
    expect((await getJson<{ items: unknown[] }>('/v1/outbox?limit=10')).items).toEqual([]);
    const users = await getJson<{ items: Array<{ email: string }> }>('/v1/users');
    expect(users.items.map((u) => u.email)).toContain('ana.souza@ouvidor.local');
  }, 60_000);

  it('the platform aggregates the writes as they happen: the same figures as a rebuild', async () => {
    const days = daysBetween(metricsDay(new Date(Date.parse(summary.anchor) - 31 * 86_400_000), DEFAULT_SERVICE_STANDARDS.timezone), metricsDay(new Date(), DEFAULT_SERVICE_STANDARDS.timezone));
    // No waiting here: the seed route answers once the table stream has delivered every write.
    const live = await totals(days);
    expect(live.items).toBe(200);
    expect(live['survey.sent']).toBe(summary.surveys);
    expect(live['survey.answered']).toBe(summary.surveysAnswered);
    expect(live.kudos).toBe(summary.kudos);
    const rebuilt = await fetch(`${p.url}/v1/local/metrics/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${await p.token('admin')}` } });
    expect(rebuilt.status).toBe(200);
    expect(await totals(days)).toEqual(live);
  }, 60_000);

  it('the same options again write nothing: same anchor, same ids', async () => {
    const again = (await (await seed(API_SAMPLES['POST /v1/local/seed']!)).json()) as SeedSummary;
    expect(again).toMatchObject({ anchor: summary.anchor, written: 0, existing: 200, agentsCreated: 0 });
    expect(await p.feedbackCount()).toBe(200);
  }, 60_000);

  it('`ouvidor seed` asks the running platform; another seed adds another data set', async () => {
    process.env.OUVIDOR_DATA_DIR = p.emulators.scratchDir;
    writeFileSync(join(p.emulators.scratchDir, RUNTIME_FILE), JSON.stringify({ url: p.url }));
    try {
      const { code, out } = await cli('--items', '40', '--days', '10', '--seed', '8');
      expect(code).toBe(0);
      expect(out).toMatch(/^Seeded 40 items over 10 days .*\(seed 8\): 40 written, 0 already there\./);
      expect(out).toMatch(/channels +\w+ \d+/);
      expect(out).toContain('updated by the running platform');
      expect(await p.feedbackCount()).toBe(240);
      // What the CLI polled while it waited (GET /v1/local/progress): the last phase, complete.
      const progress = await getJson<{ job: string; running: boolean; phase: string; done: number; total: number }>('/v1/local/progress?job=seed');
      expect(progress).toMatchObject({ job: 'seed', running: false, phase: 'metrics' });
      expect(progress.done).toBe(progress.total);
    } finally {
      rmSync(join(p.emulators.scratchDir, RUNTIME_FILE));
    }
  }, 60_000);
});

describe('`ouvidor seed` with no platform running', () => {
  it('opens the data folder itself, seeds, rebuilds the aggregates; a second run adds nothing', async () => {
    process.env.OUVIDOR_DATA_DIR = offlineDir;
    const first = await cli('--items', '30', '--days', '7', '--seed', '3');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/30 written, 0 already there/);
    expect(first.out).toMatch(/metrics +rebuilt: \d+ aggregate items over \d+ days/);
    // Progress on stderr (plain lines: not a terminal), phase by phase.
    expect(first.err).toMatch(/^seed items {2}\d+\/30/m);
    expect(first.err).toMatch(/^seed surveys .* in \d+ s/m);
    expect(first.err).toMatch(/^seed metrics write aggregates and ledgers/m);
    const second = await cli('--items', '30', '--days', '7', '--seed', '3');
    expect(second.out).toMatch(/0 written, 30 already there/);
    expect((await cli('--items', 'many')).code).toBe(2);
    expect((await cli('--items', '0')).code).toBe(2);
  }, 60_000);
});
