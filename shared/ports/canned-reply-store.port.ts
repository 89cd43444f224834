import type { CannedReply, CannedReplyLocale } from '../domain/canned-reply.schema.js';

export interface CannedReplyStore {
  list(locale?: CannedReplyLocale): Promise<CannedReply[]>;
  get(id: string): Promise<CannedReply | undefined>;
  /** Creates (`expectedVersion` 0) or replaces the version read; false when the version moved on. */
  put(reply: CannedReply, expectedVersion: number): Promise<boolean>;
  /** Deletes; false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /** Claims the one-time seeding of the defaults; true for the first caller only. */
  claimSeeding(at: string): Promise<boolean>;
}
