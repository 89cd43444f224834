/** The API's shapes the console reads (see shared/domain; kept minimal and local to the browser bundle). */
export type Status = 'new' | 'open' | 'pending' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type SentimentLabel = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';
export type Category = 'complaint' | 'praise' | 'suggestion' | 'question' | 'other';
export type Channel = 'web' | 'api' | 'email' | 'social' | 'phone' | 'survey';

export const STATUSES: readonly Status[] = ['new', 'open', 'pending', 'resolved', 'closed'];
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];
export const SENTIMENTS: readonly SentimentLabel[] = ['NEGATIVE', 'MIXED', 'NEUTRAL', 'POSITIVE'];
export const CATEGORIES: readonly Category[] = ['complaint', 'question', 'suggestion', 'praise', 'other'];
export const CHANNELS: readonly Channel[] = ['web', 'api', 'email', 'social', 'phone', 'survey'];

export interface Sla {
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstRespondedAt?: string;
  resolvedAt?: string;
  pausedAt?: string;
}

export interface Feedback {
  id: string;
  channel: Channel;
  receivedAt: string;
  customer: { id?: string; email?: string; name?: string; handle?: string; phone?: string };
  subject?: string;
  text: string;
  language?: string;
  sentiment?: { label: SentimentLabel };
  category?: Category;
  keyPhrases: string[];
  rating?: { type: 'nps' | 'csat'; score: number };
  status: Status;
  priority: Priority;
  assignee?: string;
  team?: string;
  sla?: Sla;
  labels: string[];
  stage: string;
  version: number;
}

export interface ThreadMessage {
  messageId: string;
  direction: 'inbound' | 'outbound';
  channel: string;
  from?: string;
  subject?: string;
  text: string;
  at: string;
}

export interface TimelineEntry {
  key: string;
  at: string;
  actor: string;
  type: string;
  summary: string;
  detail?: Record<string, unknown>;
}

export interface FeedbackDetails extends Feedback {
  messages: ThreadMessage[];
  timeline: TimelineEntry[];
}

export interface CustomerView {
  profile: { id: string; name?: string; emails: string[]; phones: string[]; handles: string[]; unreachable?: Array<{ address: string; reason: 'bounced' | 'complained'; at: string }> };
  items: Feedback[];
}

export interface CannedReply {
  id: string;
  title?: string;
  name?: string;
  text?: string;
  body?: string;
  locale?: string;
}

/** The SLA deadline that matters now: first response until answered, then resolution; none once resolved. */
export function slaDue(f: Pick<Feedback, 'sla' | 'status'>): { dueAt: string; overdue: boolean } | undefined {
  const sla = f.sla;
  if (!sla || sla.resolvedAt || f.status === 'resolved' || f.status === 'closed') return undefined;
  const dueAt = sla.firstRespondedAt ? sla.resolutionDueAt : sla.firstResponseDueAt;
  return { dueAt, overdue: !sla.pausedAt && Date.parse(dueAt) < Date.now() };
}

/** `GET /v1/metrics`: the zod-inferred contract itself (type-only: nothing of zod reaches the bundle). */
export type { AgentRow, Backlog, MetricsDay, MetricsReport } from '../../shared/domain/metrics/metrics-report.schema.js';
