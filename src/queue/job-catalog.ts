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

export interface JobPayloads {
  'domain-event': DomainEventPayload;
  'reoptimize-commodity': ReoptimizePayload;
  'expire-market': ExpireMarketPayload;
  'deliver-webhook': DeliverWebhookPayload;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'domain-event': QUEUES.events,
  'reoptimize-commodity': QUEUES.matching,
  'expire-market': QUEUES.maintenance,
  'deliver-webhook': QUEUES.webhooks,
};

export const jobIds = {
  domainEvent: (eventId: string) => `event-${eventId}`,
  /** Deduplication id: bursts of events for one commodity collapse into one pending run. */
  reoptimize: (commodityCode: string) => `reoptimize-${commodityCode}`,
  expireMarketScheduler: 'expire-market-every-minute',
  webhookDelivery: (deliveryId: string) => `delivery-${deliveryId}`,
};
