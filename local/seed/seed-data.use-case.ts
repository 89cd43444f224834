import type { Customer } from '../../shared/domain/feedback.schema.js';
import { UserExistsError } from '../../shared/domain/user.errors.js';
import { SeedRequestSchema, type SeedRequest } from '../../shared/domain/seed-request.schema.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import type { Analyzer } from '../../shared/ports/analyzer.port.js';
import type { Clock } from '../../shared/ports/clock.port.js';
import type { CustomerStore } from '../../shared/ports/customer-store.port.js';
import type { FeedbackStore } from '../../shared/ports/feedback-store.port.js';
import type { ObjectStore } from '../../shared/ports/object-store.port.js';
import type { Redactor } from '../../shared/ports/redactor.port.js';
import type { SurveyStore } from '../../shared/ports/survey-store.port.js';
import type { UserDirectory } from '../../shared/ports/user-directory.port.js';
import type { ConfigStore, RecognitionStore } from '../../shared/ports/workflow-store.port.js';
import { linkCustomer } from '../../shared/app/link-customer.use-case.js';
import { generateSeed, type SeedData } from './seed-generator.js';
import { SEED_AGENTS } from './seed-people.js';
import { loadRules, loadStandards } from '../../shared/app/workflows/workflow-context.js';


export interface SeedDeps {
  readonly store: Pick<FeedbackStore, 'putReceived'>;
  readonly surveys: Pick<SurveyStore, 'create'>;
  readonly recognition: Pick<RecognitionStore, 'recordKudos' | 'addToCollection'>;
  readonly customers: CustomerStore;
  readonly objects: Pick<ObjectStore, 'put'>;
  readonly users: Pick<UserDirectory, 'create'>;
  readonly configs: ConfigStore;
  readonly analyzer: Analyzer;
  readonly redactor: Redactor;
  readonly clock: Clock;
}

export interface SeedSummary {
  readonly seed: number;
  readonly items: number;
  readonly days: number;
  /** The end of the seeded period: the first run's time, kept for re-runs with the same options. */
  readonly anchor: string;
  /** Items written by this run; the rest were there from an earlier run with the same options. */
  readonly written: number;
  readonly existing: number;
  readonly byChannel: Record<string, number>;
  readonly byLanguage: Record<string, number>;
  readonly byCategory: Record<string, number>;
  readonly byStatus: Record<string, number>;
  readonly surveys: number;
  readonly surveysAnswered: number;
  readonly kudos: number;
  readonly agentsCreated: number;
  readonly ms: number;
}

const CONCURRENCY = 16;

/** Where a long job is: its phase, how many done of how many (the CLI draws it). */
export type OnProgress = (phase: string, done: number, total?: number) => void;

/** The record of one seeded data set: its anchor, so that a re-run makes the same ids (and writes nothing twice). */
export const seedRunName = (r: SeedRequest): string => `seed-run#${r.seed}-${r.items}-${r.days}`;

async function anchorOf(deps: SeedDeps, request: SeedRequest, now: Date): Promise<Date> {
  const name = seedRunName(request);
  const read = async () => (await deps.configs.get(name))?.value as { anchor?: string } | undefined;
  const earlier = await read();
  if (earlier?.anchor) return new Date(earlier.anchor);
  if (await deps.configs.put(name, { anchor: now.toISOString(), ...request }, 0, now.toISOString(), 'seed')) return now;
  return new Date((await read())?.anchor ?? now.toISOString());
}

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>, onDone?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      await work(items[next++]!);
      onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

const tally = (values: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

/**
 * Writes a realistic, deterministic data set (seed/seed-generator.ts) as final records: analyzed
 * items with their index keys and originals, customer profiles, surveys, kudos and collections,
 * the agents as local users. Nothing is published and no workflow runs: every clock that still
 * runs has its deadlines after now, and the breaches before now are recorded. Every write is
 * conditional on the id, and a re-run with the same options reuses the first run's anchor, so it
 * makes the same ids and adds nothing.
 */
export async function seedData(deps: SeedDeps, body: unknown, onProgress: OnProgress = () => {}): Promise<SeedSummary> {
  const started = Date.now();
  const request = parseOrThrow(SeedRequestSchema, body ?? {}, 'seed request');
  const now = deps.clock.now();
  const anchor = await anchorOf(deps, request, now);
  const [standards, rules] = await Promise.all([loadStandards(deps), loadRules(deps)]);
  onProgress('generate', 0, request.items);
  const data = await generateSeed(deps, { ...request, anchor, now, standards, rules });

  let agentsCreated = 0;
  for (const agent of SEED_AGENTS) {
    try {
      await deps.users.create({ email: agent.id, name: agent.name, role: 'agent' }, now.toISOString());
      agentsCreated++;
    } catch (e) {
      if (!(e instanceof UserExistsError)) throw e;
    }
  }
  const written = await writeData(deps, data, onProgress);
  const items = data.items.map((i) => i.feedback);
  return {
    ...request,
    anchor: anchor.toISOString(),
    written,
    existing: items.length - written,
    byChannel: tally(items.map((f) => f.channel)),
    byLanguage: tally(items.map((f) => f.language ?? '-')),
    byCategory: tally(items.map((f) => f.category ?? '-')),
    byStatus: tally(items.map((f) => f.status)),
    surveys: data.surveys.length,
    surveysAnswered: data.surveys.filter((s) => s.answeredAt !== undefined).length,
    kudos: data.kudos.length,
    agentsCreated,
    ms: Date.now() - started,
  };
}

async function writeData(deps: SeedDeps, data: SeedData, onProgress: OnProgress): Promise<number> {
  // One profile per customer: each distinct set of contact details is linked once.
  const links = new Map<string, Promise<Customer>>();
  const linked = new Map<string, Customer>();
  const link = (c: Customer, at: string): Promise<Customer> => {
    const key = JSON.stringify(c);
    let p = links.get(key);
    if (!p) links.set(key, (p = linkCustomer(deps.customers, c, new Date(at))));
    return p;
  };
  let written = 0;
  await inParallel(data.items, async ({ feedback, original }) => {
    // The original goes to the object store as the processor puts it (same key, same content).
    const [customer] = await Promise.all([
      link(feedback.customer, feedback.receivedAt),
      feedback.originalRef ? deps.objects.put(feedback.originalRef, original, 'application/json') : undefined,
    ]);
    linked.set(feedback.id, customer);
    // A conditional create of the final record with its index keys (its stage is `analyzed`).
    if (await deps.store.putReceived({ ...feedback, customer })) written++;
  }, (n) => onProgress('items', n, data.items.length));
  await inParallel(data.surveys, async (survey) => {
    const customer = (survey.feedbackId && linked.get(survey.feedbackId)) || survey.customer;
    await deps.surveys.create({ ...survey, customer });
  }, (n) => onProgress('surveys', n, data.surveys.length));
  await inParallel(data.kudos, (k) => deps.recognition.recordKudos(k.agentId, k.feedbackId, k.at), (n) => onProgress('kudos', n, data.kudos.length));
  await inParallel(data.collections, (c) => deps.recognition.addToCollection(c.name, c.feedbackId, c.at), (n) => onProgress('collections', n, data.collections.length));
  return written;
}
