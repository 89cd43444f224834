import { OuvidorError, type ErrorDetail } from '../errors.js';

/** A rules document that does not parse or validate; `details` names each bad path, e.g. `rules.3.actions.0.template`. */
export class InvalidRulesError extends OuvidorError {
  constructor(message: string, details: readonly ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(400, 'invalid_rules', message, { ...options, details });
  }
}
