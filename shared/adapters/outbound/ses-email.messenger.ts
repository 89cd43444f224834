import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { CustomerMessage, CustomerMessenger, DeliveryReceipt } from '../../ports/messenger.port.js';
import { awsDeliveryError, DeliveryFailedError } from './delivery.errors.js';
import { composeCustomerEmail, type EmailIdentityOptions } from './email-composer.js';

export interface SesEmailMessengerOptions extends EmailIdentityOptions {
  /** SES configuration set (event publishing: deliveries, bounces, complaints). */
  readonly configurationSetName?: string;
}

/**
 * Sends customer emails through SES v2 as raw MIME, so the threading headers are ours.
 *
 * SES replaces the Message-ID header with `<{SES MessageId}@{region}.amazonses.com>` (us-east-1:
 * `@email.amazonses.com`, see `sesRfc822MessageId`); a customer's reply still threads back because
 * its References carry our In-Reply-To/References chain.
 */
export class SesEmailMessenger implements CustomerMessenger {
  constructor(private readonly client: SESv2Client, private readonly options: SesEmailMessengerOptions) {}

  async send(message: CustomerMessage): Promise<DeliveryReceipt> {
    if (message.channel !== 'email') {
      throw new DeliveryFailedError({ provider: 'ses', retryable: false }, `SES sends email only, not '${message.channel}'.`);
    }
    const email = await composeCustomerEmail(message, this.options);
    try {
      const out = await this.client.send(
        new SendEmailCommand({
          Destination: { ToAddresses: [...email.envelope.to] },
          Content: { Raw: { Data: new Uint8Array(email.raw) } },
          ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
        }),
      );
      return { provider: 'ses', status: 'sent', ...(out.MessageId ? { providerMessageId: out.MessageId } : {}) };
    } catch (error) {
      throw awsDeliveryError('ses', error);
    }
  }
}

/** The Message-ID header SES puts on a message it sent (it overrides ours). */
export const sesRfc822MessageId = (sesMessageId: string, region: string): string =>
  `<${sesMessageId}@${region === 'us-east-1' ? 'email' : region}.amazonses.com>`;
