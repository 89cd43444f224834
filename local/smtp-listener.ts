import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SESEvent } from 'aws-lambda';
import { SMTPServer } from 'smtp-server';

export interface SmtpListener {
  readonly port: number;
  stop(): Promise<void>;
}

export interface SmtpOptions {
  readonly port: number;
  readonly host?: string;
  readonly maxBytes: number;
  /** Stores the raw message where SES's S3 action would (the key for that SES message id). */
  readonly store: (sesMessageId: string, raw: Buffer) => Promise<void>;
  /**
   * The SES receipt rule's Lambda action (invocation type Event): starts the email ingest handler
   * asynchronously, with Lambda's retries and on-failure destination (local/async-invoke.ts).
   */
  readonly invoke: (event: SESEvent) => void;
  readonly onError: (e: unknown) => void;
}

/** The SES receipt event for a message received locally (no scanning here: verdicts PASS). */
export function sesEvent(sesMessageId: string, from: string, to: string[]): SESEvent {
  const pass = { status: 'PASS' };
  const now = new Date().toISOString();
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: now, source: from, messageId: sesMessageId, destination: to, headersTruncated: false, headers: [],
            commonHeaders: { returnPath: from, from: [from], date: now, to, messageId: sesMessageId, subject: '' },
          },
          receipt: {
            timestamp: now, processingTimeMillis: 0, recipients: to,
            spamVerdict: pass, virusVerdict: pass, spfVerdict: pass, dkimVerdict: pass, dmarcVerdict: pass,
            action: { type: 'Lambda', functionArn: 'arn:aws:lambda:local:000000000000:function:ses-email', invocationType: 'Event' },
          },
        },
      },
    ],
  } as SESEvent;
}

/**
 * The local stand-in for SES inbound: an SMTP listener (smtp-server) that, for each message,
 * does what the receipt rule does on AWS — store the raw message, then invoke the email function
 * asynchronously with an SES event. A message is acknowledged (250) once stored, as SES does:
 * what ingesting it does after that (retries, the on-failure queue) is Lambda's, not the sender's.
 */
export async function startSmtpListener(opts: SmtpOptions): Promise<SmtpListener> {
  const server = new SMTPServer({
    name: 'ouvidor.local',
    banner: 'Ouvidor local SMTP',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error(`Message exceeds ${opts.maxBytes} bytes`), { responseCode: 552 }));
          return;
        }
        const id = randomUUID();
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        opts
          .store(id, raw)
          .then(
            () => {
              callback(null, `queued as ${id}`);
              opts.invoke(sesEvent(id, from, to));
            },
            (e: unknown) => {
              opts.onError(e);
              callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
            },
          );
      });
    },
  });
  server.on('error', opts.onError);
  await new Promise<void>((ok, fail) => {
    const s = server.listen(opts.port, opts.host ?? '127.0.0.1', () => ok());
    s.once('error', fail);
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return { port, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
}
