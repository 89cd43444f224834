import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest { method: string; url: string; headers: IncomingHttpHeaders; body: string }
export interface Reply { status: number; body: string; contentType?: string; delayMs?: number }

/** A local HTTP server on 127.0.0.1:0 that records each request and answers with the queued replies (default 200 `{}`). */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: Reply[] = [];
  private server: Server | undefined;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const reply = this.replies.shift() ?? { status: 200, body: '{}' };
        setTimeout(() => {
          res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
          res.end(reply.body);
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  reply(...replies: Reply[]): void {
    this.replies.push(...replies);
  }

  last(): RecordedRequest {
    const r = this.requests.at(-1);
    if (!r) throw new Error('no request received');
    return r;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
