import { nextDeadline } from '../../shared/domain/sla/sla-deadlines.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import type { FeedbackStore, IdempotencyClaim, ReopenChanges } from '../../shared/ports/feedback-store.port.js';

/** A FeedbackStore with the same conditional semantics as the DynamoDB adapter, for unit tests. */
export class InMemoryFeedbackStore implements FeedbackStore {
  readonly items = new Map<string, Feedback>();
  readonly claims = new Map<string, IdempotencyClaim & { expiresAt: string }>();
  failNextPut = false;
  /** When a reopened item went back to `received` (its sweep-index time), by id. */
  readonly reopenedAt = new Map<string, string>();

  async putReceived(fb: Feedback): Promise<boolean> {
    if (this.failNextPut) {
      this.failNextPut = false;
      throw new Error('store down');
    }
    if (this.items.has(fb.id)) return false;
    this.items.set(fb.id, structuredClone(fb));
    return true;
  }
  async get(id: string) {
    const fb = this.items.get(id);
    return fb && structuredClone(fb);
  }
  async saveAnalyzed(fb: Feedback, expectedVersion: number) {
    const cur = this.items.get(fb.id);
    if (!cur || cur.version !== expectedVersion || cur.stage !== 'received') return false;
    this.items.set(fb.id, structuredClone(fb));
    return true;
  }
  async update(fb: Feedback, expectedVersion: number) {
    const cur = this.items.get(fb.id);
    if (!cur || cur.version !== expectedVersion) return false;
    this.items.set(fb.id, structuredClone(fb));
    return true;
  }
  async listDue(before: string, limit: number) {
    return [...this.items.values()]
      .flatMap((f) => {
        const next = f.sla && f.stage === 'analyzed' ? nextDeadline(f.sla) : undefined;
        return next && next.dueAt <= before ? [{ id: f.id, dueAt: next.dueAt }] : [];
      })
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .slice(0, limit)
      .map((d) => d.id);
  }
  async listPendingEvents(before: string, limit: number) {
    return [...this.items.values()].filter((f) => f.stage === 'analyzed' && f.resolvedEventPending && f.resolvedEventPending.at < before).slice(0, limit).map((f) => f.id);
  }
  async clearResolvedEventPending(id: string, version: number) {
    const cur = this.items.get(id);
    if (cur?.resolvedEventPending?.version === version) delete cur.resolvedEventPending;
  }
  async claimIdempotencyKey(claim: IdempotencyClaim, expiresAt: string, now: string) {
    const cur = this.claims.get(claim.key);
    if (cur && cur.expiresAt >= now) return { key: cur.key, requestHash: cur.requestHash, feedbackId: cur.feedbackId, receivedAt: cur.receivedAt };
    this.claims.set(claim.key, { ...claim, expiresAt });
    return undefined;
  }
  async listReceived(before: string, page: { limit: number; cursor?: string }) {
    const all = [...this.items.values()]
      .filter((f) => f.stage === 'received' && `${this.reopenedAt.get(f.id) ?? f.receivedAt}#${f.id}` < before)
      .map((f) => ({ at: `${this.reopenedAt.get(f.id) ?? f.receivedAt}#${f.id}`, id: f.id, sweeps: f.sweeps }))
      .sort((a, b) => a.at.localeCompare(b.at))
      .filter((e) => page.cursor === undefined || e.at > page.cursor);
    const items = all.slice(0, page.limit);
    return { items: items.map(({ id, sweeps }) => ({ id, sweeps })), ...(all.length > page.limit && { cursor: items.at(-1)!.at }) };
  }
  async recordSweep(id: string, sweeps: number, at: string) {
    const cur = this.items.get(id);
    if (!cur || cur.stage !== 'received' || cur.sweeps !== sweeps - 1) return false;
    Object.assign(cur, { sweeps, updatedAt: at });
    return true;
  }
  async markFailed(id: string, reason: string, at: string) {
    const cur = this.items.get(id);
    if (!cur || cur.stage !== 'received') return false;
    Object.assign(cur, { stage: 'failed', failure: reason, updatedAt: at });
    return true;
  }

  async reopenForAnalysis(id: string, changes: ReopenChanges, expectedVersion: number, at: string) {
    const cur = this.items.get(id);
    if (!cur || cur.version !== expectedVersion) return false;
    const { eventPublishedAt: _e, sentiment: _s, category: _c, analysis: _a, failure: _f, originalRef, ...kept } = cur;
    this.items.set(id, { ...kept, ...(!changes.newText && originalRef !== undefined && { originalRef }), text: changes.text, rating: structuredClone(changes.rating), stage: 'received', keyPhrases: [], sweeps: 0, version: expectedVersion + 1, updatedAt: at });
    this.reopenedAt.set(id, at);
    return true;
  }
}
