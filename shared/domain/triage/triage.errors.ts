import { OuvidorError } from '../errors.js';

/** A status change the triage workflow does not allow (400 naming `status`). */
export class TransitionNotAllowedError extends OuvidorError {
  constructor(from: string, to: string, allowed: readonly string[], options?: { cause?: unknown }) {
    super(400, 'transition_not_allowed', `Cannot move an item from '${from}' to '${to}'.`, {
      ...options,
      details: [{ field: 'status', message: allowed.length ? `from '${from}' only to: ${allowed.join(', ')}` : `'${from}' has no transitions` }],
    });
  }
}

/** The caller changed an older version than the stored one (optimistic concurrency). */
export class VersionConflictError extends OuvidorError {
  constructor(readonly currentVersion: number, expected: number, options?: { cause?: unknown }) {
    super(409, 'version_conflict', `The item is at version ${currentVersion}, not ${expected}; reload it and retry.`, {
      ...options,
      details: [{ field: 'version', message: `current version is ${currentVersion}` }],
    });
  }
}

/** Only analyzed items are triaged (received, failed, ignored and quarantined ones are not). */
export class NotTriageableError extends OuvidorError {
  constructor(id: string, stage: string, options?: { cause?: unknown }) {
    super(409, 'not_triageable', `Feedback '${id}' is ${stage}, not analyzed; it cannot be triaged yet.`, options);
  }
}

/** A reply to a customer we have no way to reach. */
export class CustomerUnreachableError extends OuvidorError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(409, 'customer_unreachable', `Cannot reply: ${reason}.`, options);
  }
}

/** The same reply (same Idempotency-Key) is being sent right now by another request. */
export class ReplyInFlightError extends OuvidorError {
  constructor(options?: { cause?: unknown }) {
    super(409, 'reply_in_flight', 'This reply is being sent; retry in a moment to get its result.', options);
  }
}
