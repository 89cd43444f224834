import { NotFoundError, OuvidorError } from './errors.js';

/** A channel that exists but has no credentials configured here. */
export class ChannelNotConfiguredError extends OuvidorError {
  constructor(channel: string, options?: { cause?: unknown }) {
    super(503, 'channel_not_configured', `The ${channel} channel is not configured on this installation (its secret is missing).`, options);
  }
}

export class UnknownChannelError extends NotFoundError {
  constructor(channel: string, known: readonly string[], options?: { cause?: unknown }) {
    super(`No channel '${channel}'; use one of: ${known.join(', ')}.`, options);
  }
}
