import { createHmac, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsSent {
  id: string;
  to: string;
  text: string;
  sender: string;
  reference: string;
}

/**
 * A local HTTP SMS gateway of the generic shape the adapter is configured for: POST /send with
 * `Authorization`, JSON {to, text, from, reference}, answering {id}; replies and delivery
 * reports POSTed to the platform as JSON signed with X-Signature = sha256=HMAC(secret, body).
 */
export class FakeSmsGateway {
  readonly sent: SmsSent[] = [];
  private server!: Server;
  private failures: number[] = [];
  url = '';

  constructor(readonly options: { authorization: string; inboundSecret: string }) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/send') return res.writeHead(404).end();
        if (req.headers.authorization !== this.options.authorization)
          return res.writeHead(401).end('{"error":"unauthorized"}');
        const failure = this.failures.shift();
        if (failure) return res.writeHead(failure).end('{"error":"busy"}');
        const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, string>;
        if (!/^\+\d{8,15}$/.test(body.to ?? '') || !body.text)
          return res.writeHead(422).end('{"error":"to and text are required"}');
        const id = `sms-${randomUUID()}`;
        this.sent.push({
          id,
          to: body.to,
          text: body.text,
          sender: body.from,
          reference: body.reference,
        });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id, status: 'queued' }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(statuses: number[]): void {
    this.failures.push(...statuses);
  }

  sentTo(phone: string): SmsSent[] {
    return this.sent.filter((m) => m.to === phone);
  }

  private async post(webhookUrl: string, payload: unknown, secret: string): Promise<number> {
    const raw = JSON.stringify(payload);
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
      },
      body: raw,
    });
    return res.status;
  }

  /** A person's SMS reply, as the gateway forwards it. */
  async userSends(
    webhookUrl: string,
    from: string,
    text: string,
    options: { id?: string; secret?: string } = {},
  ): Promise<{ id: string; status: number }> {
    const id = options.id ?? `mo-${randomUUID()}`;
    const status = await this.post(
      webhookUrl,
      { id, from, text, receivedAt: new Date().toISOString() },
      options.secret ?? this.options.inboundSecret,
    );
    return { id, status };
  }

  async reportStatus(webhookUrl: string, message: SmsSent, status: string): Promise<number> {
    return this.post(webhookUrl, { messageId: message.id, status }, this.options.inboundSecret);
  }
}
