import { SendEmailCommand, type MessageHeader, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { CustomerMessage, CustomerMessenger, DeliveryReceipt } from '../../ports/messenger.port.js';
import { awsDeliveryError, DeliveryFailedError } from './delivery.errors.js';
import { angleId, subjectOf, textToHtml, threadReferences, type EmailIdentityOptions } from './email-content.js';

export interface SesEmailMessengerOptions extends EmailIdentityOptions {
  /** SES configuration set (event publishing: deliveries, bounces, complaints). */
  readonly configurationSetName?: string;
}

/** SES limits a header's value to 995 characters (SESv2 `MessageHeader`). */
const MAX_HEADER_VALUE = 995;

/**
 * References within SES's header limit: the first id (the thread's root) and the latest ones, as
 * RFC 5322 §3.6.4 suggests when a chain must be shortened.
 */
export const referencesHeader = (ids: readonly string[], max = MAX_HEADER_VALUE): string => {
  const kept = [...ids];
  while (kept.join(' ').length > max && kept.length > 2) kept.splice(1, 1);
  return kept.join(' ');
};

/** `Name <addr>` with a non-ASCII display name as an RFC 2047 encoded word (SES requires 7-bit addresses). */
export const sesAddress = (address: string): string => {
  const m = /^\s*"?(.*?)"?\s*<([^>]+)>\s*$/.exec(address);
  if (!m || !m[1] || /^[\x20-\x7e]*$/.test(m[1])) return address.trim();
  return `=?UTF-8?B?${Buffer.from(m[1], 'utf8').toString('base64')}?= <${m[2]}>`;
};

/**
 * Sends customer emails through SES v2 as a `Simple` message: SES builds the MIME (UTF-8 subject,
 * a text part and an escaped HTML alternative); the threading headers (In-Reply-To, References) go
 * as message `Headers`, so no MIME library is bundled with the functions that send.
 *
 * SES sets the Message-ID (`<{SES MessageId}@{region}.amazonses.com>`; us-east-1:
 * `@email.amazonses.com`, see `sesRfc822MessageId`); a customer's reply still threads back because
 * its References carry our In-Reply-To/References chain.
 */
export class SesEmailMessenger implements CustomerMessenger {
  constructor(private readonly client: SESv2Client, private readonly options: SesEmailMessengerOptions) {}

  async send(message: CustomerMessage): Promise<DeliveryReceipt> {
    if (message.channel !== 'email') {
      throw new DeliveryFailedError({ provider: 'ses', retryable: false }, `SES sends email only, not '${message.channel}'.`);
    }
    const references = threadReferences(message);
    const headers: MessageHeader[] = [
      ...(message.inReplyTo ? [{ Name: 'In-Reply-To', Value: angleId(message.inReplyTo) }] : []),
      ...(references.length ? [{ Name: 'References', Value: referencesHeader(references) }] : []),
      { Name: 'Content-Language', Value: message.locale },
      { Name: 'X-Ouvidor-Feedback-Id', Value: message.feedbackId },
    ];
    const replyTo = this.options.replyTo === undefined ? [] : typeof this.options.replyTo === 'string' ? [this.options.replyTo] : [...this.options.replyTo];
    const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
    try {
      const out = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: sesAddress(this.options.from),
          Destination: { ToAddresses: [message.to] },
          ...(replyTo.length ? { ReplyToAddresses: replyTo.map(sesAddress) } : {}),
          Content: {
            Simple: {
              Subject: utf8(subjectOf(message, this.options)),
              Body: { Text: utf8(message.text), Html: utf8(textToHtml(message.text, message.locale)) },
              Headers: headers,
            },
          },
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
