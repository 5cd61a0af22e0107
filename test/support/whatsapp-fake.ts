import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The Graph API message request, as far as the fake reads it. */
interface GraphMessage {
  messaging_product?: string;
  to?: string;
  type?: string;
  text?: { body?: string };
  interactive?: { body?: { text?: string }; action?: { buttons?: { reply: { id: string } }[] } };
  template?: {
    name?: string;
    components?: { type: string; parameters: { text?: string; payload?: string }[] }[];
  };
}

export interface WhatsAppSent {
  id: string;
  to: string;
  type: 'text' | 'interactive' | 'template';
  /** What the person sees: the text, or the approved template with its parameters filled in. */
  text: string;
  /** Reply-button ids (interactive) or quick-reply payloads (template). */
  buttons: string[];
  body: Record<string, unknown>;
}

/**
 * A local stand-in for the WhatsApp Business Cloud API, speaking its HTTP contract:
 * POST /{version}/{phone-number-id}/messages with a bearer token, answering
 * {messaging_product, contacts, messages: [{id}]} or a Graph error; webhooks POSTed to the
 * platform as entry[].changes[].value.{messages|statuses}, signed with X-Hub-Signature-256. Like
 * the real one it refuses free-form messages outside the 24-hour customer-service window
 * (error 131047) and templates that were not approved (error 132001).
 */
export class FakeWhatsApp {
  readonly sent: WhatsAppSent[] = [];
  private server!: Server;
  private readonly lastInbound = new Map<string, number>();
  private failures: number[] = [];
  url = '';

  constructor(
    readonly options: {
      phoneNumberId: string;
      accessToken: string;
      appSecret: string;
      /** name -> body with {{1}}, {{2}}... (approved in advance, as on Meta). */
      templates: Record<string, string>;
    },
  ) {}

  /** Listens on `port` (0: any free port; the demonstration gives a fixed one). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString()));
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next sends answer these HTTP statuses (e.g. [500, 500]) before working again. */
  failNext(statuses: number[]): void {
    this.failures.push(...statuses);
  }

  sentTo(phone: string): WhatsAppSent[] {
    const digits = phone.replace(/^\+/, '');
    return this.sent.filter((m) => m.to === digits);
  }

  private graphError(res: ServerResponse, status: number, code: number, message: string) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ error: { message, type: 'OAuthException', code, fbtrace_id: 'fake' } }),
    );
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const match = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(path);
    if (req.method !== 'POST' || !match) return this.graphError(res, 404, 100, 'Unknown path');
    if (req.headers.authorization !== `Bearer ${this.options.accessToken}`)
      return this.graphError(res, 401, 190, 'Invalid OAuth access token');
    if (match[1] !== this.options.phoneNumberId)
      return this.graphError(res, 400, 100, 'Unknown phone number id');
    const failure = this.failures.shift();
    if (failure) return this.graphError(res, failure, 2, 'Service temporarily unavailable');
    let body: GraphMessage;
    try {
      body = JSON.parse(raw) as GraphMessage;
    } catch {
      return this.graphError(res, 400, 100, 'Invalid JSON');
    }
    if (body.messaging_product !== 'whatsapp' || typeof body.to !== 'string')
      return this.graphError(res, 400, 100, 'messaging_product and to are required');
    const windowOpen = Date.now() - (this.lastInbound.get(body.to) ?? 0) < 24 * 3600_000;
    let text: string;
    let buttons: string[] = [];
    if (body.type === 'template') {
      const template = this.options.templates[body.template?.name ?? ''];
      if (!template)
        return this.graphError(res, 404, 132001, 'Template name does not exist in the translation');
      const components = body.template?.components ?? [];
      const params = components.find((c) => c.type === 'body')?.parameters ?? [];
      text = template.replace(
        /\{\{(\d+)\}\}/g,
        (_, n: string) => params[Number(n) - 1]?.text ?? '',
      );
      buttons = components
        .filter((c) => c.type === 'button')
        .map((c) => c.parameters[0]?.payload ?? '');
    } else if (!windowOpen) {
      return this.graphError(
        res,
        400,
        131047,
        'Re-engagement message: more than 24 hours since the customer last replied',
      );
    } else if (body.type === 'text') {
      text = body.text?.body ?? '';
    } else if (body.type === 'interactive') {
      text = body.interactive?.body?.text ?? '';
      buttons = (body.interactive?.action?.buttons ?? []).map((b) => b.reply.id);
    } else return this.graphError(res, 400, 100, `Unsupported type ${String(body.type)}`);
    const id = `wamid.${randomUUID().replace(/-/g, '')}`;
    const to = body.to;
    this.sent.push({
      id,
      to,
      type: body.type,
      text,
      buttons,
      body: { ...body },
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id }],
      }),
    );
  }

  private envelope(value: Record<string, unknown>) {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA-FAKE',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '6280000000000',
                  phone_number_id: this.options.phoneNumberId,
                },
                ...value,
              },
            },
          ],
        },
      ],
    };
  }

  /** POSTs a signed webhook to the platform; `secret` forges another signature. */
  async post(
    webhookUrl: string,
    payload: unknown,
    secret = this.options.appSecret,
  ): Promise<{ status: number; body: string }> {
    const raw = JSON.stringify(payload);
    const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body: raw,
    });
    return { status: res.status, body: await res.text() };
  }

  /** A person writes (text) or taps a button (its id or payload); opens their service window. */
  async userSends(
    webhookUrl: string,
    from: string,
    message: { text: string } | { button: string; title: string } | { quickReply: string },
    options: { id?: string; secret?: string } = {},
  ): Promise<{ id: string; status: number }> {
    const digits = from.replace(/^\+/, '');
    const id = options.id ?? `wamid.${randomUUID().replace(/-/g, '')}`;
    const content =
      'text' in message
        ? { type: 'text', text: { body: message.text } }
        : 'button' in message
          ? {
              type: 'interactive',
              interactive: {
                type: 'button_reply',
                button_reply: { id: message.button, title: message.title },
              },
            }
          : { type: 'button', button: { payload: message.quickReply, text: message.quickReply } };
    const payload = this.envelope({
      contacts: [{ profile: { name: 'Petani' }, wa_id: digits }],
      messages: [
        { from: digits, id, timestamp: String(Math.floor(Date.now() / 1000)), ...content },
      ],
    });
    const { status } = await this.post(webhookUrl, payload, options.secret);
    if (status === 200) this.lastInbound.set(digits, Date.now());
    return { id, status };
  }

  /** A status callback (sent, delivered, read, failed) for a message we accepted. */
  async reportStatus(webhookUrl: string, message: WhatsAppSent, status: string): Promise<number> {
    const payload = this.envelope({
      statuses: [
        {
          id: message.id,
          status,
          timestamp: String(Math.floor(Date.now() / 1000)),
          recipient_id: message.to,
          ...(status === 'failed'
            ? { errors: [{ code: 131026, title: 'Message undeliverable' }] }
            : {}),
        },
      ],
    });
    return (await this.post(webhookUrl, payload)).status;
  }
}
