import { DomainError } from '../../common/domain-error';
import type { WhatsAppConfig } from '../../config/app-config';
import {
  ChannelAdapter,
  DELIVERY_STATUSES,
  DeliveryStatus,
  InboundBatch,
  InboundRequest,
  OutboundMessage,
  SendOutcome,
  toE164,
} from './channel-adapter';
import { signatureMatches } from './hmac';
import { postJson } from './http-post';

/** The parts of a Cloud API webhook we read (entry[].changes[].value). */
interface WebhookValue {
  messages?: {
    from?: string;
    id?: string;
    timestamp?: string;
    type?: string;
    text?: { body?: string };
    interactive?: { type?: string; button_reply?: { id?: string; title?: string } };
    button?: { payload?: string; text?: string };
  }[];
  statuses?: {
    id?: string;
    status?: string;
    errors?: { code?: number; title?: string; message?: string }[];
  }[];
}

/**
 * WhatsApp Business Cloud API. Outbound: POST {base}/{version}/{phone-number-id}/messages with
 * the bearer token; inside the 24-hour customer-service window a text (or interactive reply
 * buttons), outside it only an approved template (Meta refuses free-form business-initiated
 * messages). Inbound: the webhook's X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the
 * app secret) is checked before anything is read.
 */
export class WhatsAppAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp' as const;

  constructor(
    private readonly config: WhatsAppConfig,
    private readonly timeoutMs: number,
  ) {}

  send(message: OutboundMessage): Promise<SendOutcome> {
    const url = `${this.config.baseUrl}/${this.config.apiVersion}/${this.config.phoneNumberId}/messages`;
    return postJson(
      url,
      { authorization: `Bearer ${this.config.accessToken}` },
      this.body(message),
      this.timeoutMs,
      (answer) => {
        const id = (answer as { messages?: { id?: unknown }[] } | null)?.messages?.[0]?.id;
        return typeof id === 'string' ? id : null;
      },
    );
  }

  /** The Graph API request body for one message (exported shape, unit-tested). */
  body(message: OutboundMessage): Record<string, unknown> {
    const base = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: message.to.replace(/^\+/, ''),
    };
    if (!message.insideServiceWindow && message.template) {
      const { name, params, quickReplies } = message.template;
      return {
        ...base,
        type: 'template',
        template: {
          name,
          language: { code: this.config.templateLanguage },
          components: [
            ...(params.length > 0
              ? [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }]
              : []),
            ...quickReplies.map((payload, index) => ({
              type: 'button',
              sub_type: 'quick_reply',
              index: String(index),
              parameters: [{ type: 'payload', payload }],
            })),
          ],
        },
      };
    }
    if (message.buttons && message.buttons.length > 0) {
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: message.text },
          action: {
            buttons: message.buttons.slice(0, 3).map((b) => ({
              type: 'reply',
              reply: { id: b.id, title: b.title.slice(0, 20) },
            })),
          },
        },
      };
    }
    return { ...base, type: 'text', text: { preview_url: false, body: message.text } };
  }

  handleInbound(request: InboundRequest): InboundBatch {
    if (
      !signatureMatches(
        this.config.appSecret,
        request.rawBody,
        request.headers['x-hub-signature-256'],
      )
    ) {
      throw DomainError.unauthorized('Invalid X-Hub-Signature-256');
    }
    let payload: { entry?: { changes?: { value?: WebhookValue }[] }[] };
    try {
      payload = JSON.parse(request.rawBody!.toString('utf8')) as typeof payload;
    } catch {
      throw DomainError.validation([{ field: 'body', message: 'body is not JSON' }]);
    }
    const batch: InboundBatch = { messages: [], statuses: [] };
    for (const entry of payload.entry ?? []) {
      for (const change of entry.changes ?? []) {
        const value = change.value ?? {};
        for (const m of value.messages ?? []) {
          if (!m.id || !m.from) continue;
          const text =
            m.type === 'text'
              ? m.text?.body
              : m.type === 'interactive'
                ? m.interactive?.button_reply?.id
                : m.type === 'button'
                  ? (m.button?.payload ?? m.button?.text)
                  : undefined;
          batch.messages.push({
            providerMessageId: m.id,
            from: toE164(m.from),
            // Media, locations and the like carry no command: answered with the help text.
            text: text ?? '',
            receivedAt: m.timestamp ? new Date(Number(m.timestamp) * 1000) : new Date(),
          });
        }
        for (const s of value.statuses ?? []) {
          if (!s.id || !(DELIVERY_STATUSES as readonly string[]).includes(s.status ?? '')) continue;
          const error = s.errors?.[0];
          batch.statuses.push({
            providerMessageId: s.id,
            status: s.status as DeliveryStatus,
            error: error
              ? `${error.code ?? ''} ${error.title ?? error.message ?? ''}`.trim()
              : null,
          });
        }
      }
    }
    return batch;
  }
}
