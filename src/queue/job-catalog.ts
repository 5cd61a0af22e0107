import type { RelayedEvent } from '../events/event-catalog';

/**
 * The one catalog of queues and jobs: each job name is tied to its queue and payload type.
 * Payloads carry ids, never entities; handlers re-read the database and skip what is gone.
 * Job ids are built with '-', never ':' (BullMQ reserves ':').
 */
export const QUEUES = {
  /** Domain events relayed from the outbox, one job per event (job id = event id). */
  events: 'events',
  /** Re-optimisation of one commodity's market; one pending and one running per commodity. */
  matching: 'matching',
  /** Scheduled housekeeping: expiry of listings, requests and proposals. */
  maintenance: 'maintenance',
  /** One job per webhook delivery (job id = delivery id), retried over more than a day. */
  webhooks: 'webhooks',
  /** One job per outbound WhatsApp message (job id = message id), rate-limited to the provider. */
  channelWhatsapp: 'channel-whatsapp',
  /** One job per outbound SMS (job id = message id), rate-limited to the gateway. */
  channelSms: 'channel-sms',
  /** One job per inbound WhatsApp or SMS message (job id = inbound row id). */
  channelInbound: 'channel-inbound',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A relayed domain event: a discriminated union on `type` (see `events/event-catalog.ts`). */
export type DomainEventPayload = RelayedEvent;

export interface ReoptimizePayload {
  commodityCode: string;
  /** The event type that asked for it, for logs. */
  reason: string;
  correlationId: string | null;
}

export type ExpireMarketPayload = Record<string, never>;

export interface DeliverWebhookPayload {
  deliveryId: string;
}

export interface SendChannelMessagePayload {
  messageId: string;
}

export interface HandleInboundPayload {
  inboundId: string;
}

export interface JobPayloads {
  'domain-event': DomainEventPayload;
  'reoptimize-commodity': ReoptimizePayload;
  'expire-market': ExpireMarketPayload;
  'deliver-webhook': DeliverWebhookPayload;
  'send-whatsapp': SendChannelMessagePayload;
  'send-sms': SendChannelMessagePayload;
  'handle-inbound': HandleInboundPayload;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'domain-event': QUEUES.events,
  'reoptimize-commodity': QUEUES.matching,
  'expire-market': QUEUES.maintenance,
  'deliver-webhook': QUEUES.webhooks,
  'send-whatsapp': QUEUES.channelWhatsapp,
  'send-sms': QUEUES.channelSms,
  'handle-inbound': QUEUES.channelInbound,
};

export const jobIds = {
  domainEvent: (eventId: string) => `event-${eventId}`,
  /** Deduplication id: bursts of events for one commodity collapse into one pending run. */
  reoptimize: (commodityCode: string) => `reoptimize-${commodityCode}`,
  expireMarketScheduler: 'expire-market-every-minute',
  webhookDelivery: (deliveryId: string) => `delivery-${deliveryId}`,
  channelMessage: (messageId: string) => `channel-message-${messageId}`,
  inbound: (inboundId: string) => `inbound-${inboundId}`,
};
