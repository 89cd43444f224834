import { createServer } from 'node:http';

export interface SentEmail {
  readonly source: string;
  readonly destinations: string[];
  readonly subject?: string;
  readonly raw?: string;
}

/**
 * The emails moto's SES accepted, oldest first, from its model dump (`/moto-api/data.json`:
 * `Message` for simple sends, `RawMessage` for raw ones). moto documents this as internal and
 * version-specific: the rehearsal pins moto 5.2.1.
 */
export async function sentEmails(endpoint: string): Promise<SentEmail[]> {
  const data = (await (await fetch(`${endpoint}/moto-api/data.json`)).json()) as {
    ses?: { Message?: Array<{ source: string; subject: string; destinations: Record<string, string[]> }>; RawMessage?: Array<{ source: string; destinations: string[]; raw_data: string }> };
  };
  const simple = (data.ses?.Message ?? []).map((m) => ({ source: m.source, subject: m.subject, destinations: Object.values(m.destinations ?? {}).flat() }));
  // moto adds the raw message's header recipients to the API's destinations: each address once.
  const raw = (data.ses?.RawMessage ?? []).map((m) => ({ source: m.source, destinations: [...new Set(m.destinations)], raw: m.raw_data }));
  return [...simple, ...raw];
}

export interface FailingEndpoint {
  readonly endpoint: string;
  readonly hits: () => number;
  stop(): Promise<void>;
}

/** A loopback endpoint that answers every request with `status` (a service that is down). */
export async function startFailingEndpoint(status: number): Promise<FailingEndpoint> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(status, { 'content-type': 'text/xml' }).end('<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>unavailable</Message></Error></ErrorResponse>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    hits: () => hits,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
