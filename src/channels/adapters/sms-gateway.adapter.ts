import { DomainError } from '../../common/domain-error';
import type { SmsGatewayConfig } from '../../config/app-config';
import {
  ChannelAdapter,
  DeliveryStatus,
  InboundBatch,
  InboundRequest,
  OutboundMessage,
  SendOutcome,
  toE164,
} from './channel-adapter';
import { signatureMatches } from './hmac';
import { postJson } from './http-post';

/** Delivery report words gateways use, mapped onto ours. */
const STATUS_WORDS: Record<string, DeliveryStatus> = {
  sent: 'sent',
  accepted: 'sent',
  submitted: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  undelivered: 'failed',
  rejected: 'failed',
  expired: 'failed',
};

function readPath(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, key) =>
        at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
      value,
    );
}

/**
 * A generic HTTP SMS gateway (Indonesian gateways differ in field names, not in shape): one JSON
 * POST per message with configurable field names and Authorization header; the message id read
 * from a configurable path of the answer. Inbound replies and delivery reports arrive as JSON
 * POSTs signed with the shared secret (X-Signature: sha256=hex(HMAC-SHA256(secret, raw body))).
 * SMS has no buttons and no templates: the text says which words to reply.
 */
export class SmsGatewayAdapter implements ChannelAdapter {
  readonly channel = 'sms' as const;

  constructor(
    private readonly config: SmsGatewayConfig,
    private readonly timeoutMs: number,
  ) {}

  send(message: OutboundMessage): Promise<SendOutcome> {
    const { fields } = this.config;
    return postJson(
      this.config.url,
      this.config.authorization ? { authorization: this.config.authorization } : {},
      {
        [fields.to]: message.to,
        [fields.text]: message.text,
        [fields.sender]: this.config.senderId,
        [fields.reference]: message.reference,
      },
      this.timeoutMs,
      (answer) => {
        const id = readPath(answer, this.config.responseIdPath);
        return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
      },
    );
  }

  handleInbound(request: InboundRequest): InboundBatch {
    if (
      !signatureMatches(this.config.inboundSecret, request.rawBody, request.headers['x-signature'])
    )
      throw DomainError.unauthorized('Invalid X-Signature');
    let payload: unknown;
    try {
      payload = JSON.parse(request.rawBody!.toString('utf8'));
    } catch {
      throw DomainError.validation([{ field: 'body', message: 'body is not JSON' }]);
    }
    const items = Array.isArray(payload) ? payload : [payload];
    const f = this.config.inboundFields;
    const batch: InboundBatch = { messages: [], statuses: [] };
    for (const item of items) {
      const status = readPath(item, f.status);
      const messageId = readPath(item, f.messageId);
      if (
        typeof status === 'string' &&
        (typeof messageId === 'string' || typeof messageId === 'number')
      ) {
        const mapped = STATUS_WORDS[status.toLowerCase()];
        if (mapped)
          batch.statuses.push({
            providerMessageId: String(messageId),
            status: mapped,
            error: mapped === 'failed' ? status : null,
          });
        continue;
      }
      const from = readPath(item, f.from);
      const text = readPath(item, f.text);
      const id = readPath(item, f.id);
      if (typeof from !== 'string' || typeof text !== 'string') continue;
      if (typeof id !== 'string' && typeof id !== 'number') continue;
      batch.messages.push({
        providerMessageId: String(id),
        from: toE164(from),
        text,
        receivedAt: new Date(),
      });
    }
    return batch;
  }
}
