import nodemailer, { type Transporter } from 'nodemailer';
import type { CustomerMessage, CustomerMessenger, DeliveryReceipt } from '../../ports/messenger.port.js';
import { DeliveryFailedError, excerpt } from './delivery.errors.js';
import { composeCustomerEmail } from './email-composer.js';
import type { EmailIdentityOptions } from './email-content.js';

export type SmtpEmailMessengerOptions = EmailIdentityOptions;

const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EGREETING']);

/** An SMTP failure: 4xx replies and network errors are transient, 5xx replies permanent. */
const smtpDeliveryError = (error: unknown): DeliveryFailedError => {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const retryable = code === undefined ? NETWORK_CODES.has(e?.code ?? '') || e?.code === undefined : code < 500;
  return new DeliveryFailedError({
    provider: 'smtp',
    ...(code === undefined ? {} : { providerStatus: code }),
    bodyExcerpt: excerpt(e?.response ?? e?.message ?? String(error)),
    retryable,
    cause: error,
  });
};

/**
 * Sends customer emails through an SMTP relay (`smtp://user:pass@host:587`, `smtps://…:465`), the same
 * composed message as `SesEmailMessenger`; the Message-ID we set is the one the customer sees.
 */
export class SmtpEmailMessenger implements CustomerMessenger {
  private readonly transport: Transporter;
  private readonly owned: boolean;

  /** `relay` is a transport URL (the messenger then owns the transport) or a nodemailer transporter. */
  constructor(relay: string | Transporter, private readonly options: SmtpEmailMessengerOptions) {
    this.owned = typeof relay === 'string';
    this.transport = typeof relay === 'string' ? nodemailer.createTransport(relay) : relay;
  }

  async send(message: CustomerMessage): Promise<DeliveryReceipt> {
    if (message.channel !== 'email') {
      throw new DeliveryFailedError({ provider: 'smtp', retryable: false }, `SMTP sends email only, not '${message.channel}'.`);
    }
    const email = await composeCustomerEmail(message, this.options);
    try {
      await this.transport.sendMail({ envelope: { from: email.envelope.from, to: [...email.envelope.to] }, raw: email.raw });
    } catch (error) {
      throw smtpDeliveryError(error);
    }
    return { provider: 'smtp', providerMessageId: email.messageId, status: 'sent' };
  }

  /** Closes the transport if this messenger created it. */
  close(): void {
    if (this.owned) this.transport.close();
  }
}
