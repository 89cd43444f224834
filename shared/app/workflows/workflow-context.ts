import { isOuvidorError } from '../../domain/errors.js';
import type { Feedback } from '../../domain/feedback.schema.js';
import type { Locale } from '../../domain/i18n.js';
import { DEFAULT_RULES } from '../../domain/workflows/default-rules.js';
import { RulesDocumentSchema, type RulesDocument } from '../../domain/workflows/rules.schema.js';
import type { Clock } from '../../ports/clock.port.js';
import type { FeedbackStore } from '../../ports/feedback-store.port.js';
import type { Log } from '../../ports/logger.port.js';
import type { CustomerMessenger, TeamNotifier } from '../../ports/messenger.port.js';
import type { SuppressionStore } from '../../ports/suppression-store.port.js';
import type { SurveyStore } from '../../ports/survey-store.port.js';
import type { SurveyTokens } from '../../ports/survey-token.port.js';
import type { ThreadStore } from '../../ports/thread-store.port.js';
import type { Telemetry } from '../../ports/telemetry.port.js';
import type { ActionLog, ConfigStore, OutboxStore, RecognitionStore, TimelineStore } from '../../ports/workflow-store.port.js';

export interface WorkflowSettings {
  /** Attempts per action before it is failed for good. */
  readonly maxAttempts: number;
  /** Delay before the second attempt; doubles each time. */
  readonly retryBaseMs: number;
  /** A claim older than this is taken over (its worker died). */
  readonly leaseMs: number;
  /** Where survey links point (`<publicBaseUrl>/v1/surveys/<token>`). */
  readonly publicBaseUrl: string;
  /** The console, for links in team notifications. */
  readonly consoleUrl?: string;
  /** The language of team notifications. Default pt-BR. */
  readonly teamLocale?: Locale;
}

export const DEFAULT_WORKFLOW_SETTINGS: Omit<WorkflowSettings, 'publicBaseUrl'> = { maxAttempts: 5, retryBaseMs: 30_000, leaseMs: 120_000 };

export interface WorkflowDeps {
  readonly store: FeedbackStore;
  readonly actions: ActionLog;
  readonly timeline: TimelineStore;
  readonly outbox: OutboxStore;
  readonly recognition: RecognitionStore;
  readonly configs: ConfigStore;
  readonly threads: ThreadStore;
  readonly messenger: CustomerMessenger;
  /** Unreachable email addresses: checked before every email to a customer. */
  readonly suppressions: Pick<SuppressionStore, 'get'>;
  readonly notifier: TeamNotifier;
  readonly surveys: SurveyStore;
  readonly surveyTokens: SurveyTokens;
  readonly clock: Clock;
  readonly log: Log;
  readonly workflow: WorkflowSettings;
  readonly telemetry?: Telemetry;
}

export const RULES_CONFIG = 'rules';
export { loadStandards, STANDARDS_CONFIG } from './load-standards.js';

/** The rules admins stored, else the shipped default. */
export async function loadRules(deps: { readonly configs: Pick<WorkflowDeps['configs'], 'get'> }): Promise<RulesDocument> {
  const stored = await deps.configs.get(RULES_CONFIG);
  return stored ? RulesDocumentSchema.parse(stored.value) : DEFAULT_RULES;
}

/**
 * Read-modify-write of an item under its version (retried on a concurrent change). `change`
 * returns the new record, or undefined when there is nothing to change (idempotent actions).
 */
export async function mutateItem(deps: Pick<WorkflowDeps, 'store'>, id: string, change: (fb: Feedback) => Feedback | undefined, at: string): Promise<Feedback> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const fb = await deps.store.get(id);
    if (!fb) throw new Error(`feedback ${id} vanished`);
    // Being analyzed again (a survey answer changed): the processor owns it until it is analyzed.
    if (fb.stage !== 'analyzed') throw new ItemBeingAnalyzedError(id);
    const next = change(fb);
    if (!next) return fb;
    const saved = { ...next, version: fb.version + 1, updatedAt: at };
    if (await deps.store.update(saved, fb.version)) return saved;
  }
  throw new Error(`feedback ${id} kept changing; retry later`);
}

/** Retryable: the item went back to `received` and will be analyzed (and its workflows run) again. */
export class ItemBeingAnalyzedError extends Error {
  readonly status = 409;
  readonly retryable = true;
  constructor(id: string, options?: { cause?: unknown }) {
    super(`feedback ${id} is being analyzed again; retry later`, options);
    this.name = 'ItemBeingAnalyzedError';
  }
}

/** Whether retrying can help: provider outages and throttling yes; refusals and misconfiguration no. */
export function isRetryable(error: unknown): boolean {
  const flagged = (error as { retryable?: unknown })?.retryable;
  if (typeof flagged === 'boolean') return flagged;
  return !(isOuvidorError(error) && error.status < 500);
}
