import type { DomainEventType, RelayedEvent } from '../events/event-catalog';

/**
 * The one catalog of queues and jobs: each job name is tied to its queue and payload type.
 * Payloads carry ids, never entities; handlers re-read the database and skip what is gone.
 * Job ids are built with '-', never ':' (BullMQ reserves ':').
 */
export const QUEUES = {
  /**
   * Domain events relayed from the outbox that only tell people what happened (proposals made,
   * superseded, accepted; verifications; price spikes), one job per event (job id = event id).
   * They come by the thousand per matching run.
   */
  events: 'events',
  /**
   * Domain events that change a market or ask for a re-optimisation (listings, requests,
   * decisions that return or take quantities, agreements, trust, closures, prices, rationing),
   * one job per event: they never wait behind the fan-out of the `events` queue.
   */
  marketEvents: 'market-events',
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
  'market-event': DomainEventPayload;
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
  'market-event': QUEUES.marketEvents,
  'reoptimize-commodity': QUEUES.matching,
  'expire-market': QUEUES.maintenance,
  'deliver-webhook': QUEUES.webhooks,
  'send-whatsapp': QUEUES.channelWhatsapp,
  'send-sms': QUEUES.channelSms,
  'handle-inbound': QUEUES.channelInbound,
};

/** The two jobs a relayed domain event can be. */
export type EventJobName = 'domain-event' | 'market-event';

/**
 * Which lane each domain event travels in (the outbox relay routes by it). `market-event`: the
 * event changes what a market holds or who may trade with whom, so it (re-)optimises a commodity
 * or changes the network; it must not queue behind the thousands of `match.proposed` and
 * `match.superseded` a large run writes. `domain-event`: the event only tells people (inbox,
 * webhooks, WhatsApp, the balance). Every handler still runs for every event whatever its lane
 * (the bus is the same); decisions that return quantities to play (`match.declined`, `expired`,
 * `confirmed`, `trade.updated`) are market events, so their notifications travel with them. A new
 * event type does not compile until it is given a lane here.
 */
export const EVENT_JOBS: { [T in DomainEventType]: EventJobName } = {
  'supply_listing.created': 'market-event',
  'supply_listing.updated': 'market-event',
  'supply_listing.withdrawn': 'market-event',
  'supply_listing.expired': 'market-event',
  'demand_request.created': 'market-event',
  'demand_request.updated': 'market-event',
  'demand_request.withdrawn': 'market-event',
  'demand_request.expired': 'market-event',
  'agreement.created': 'market-event',
  'agreement.proposed': 'market-event',
  'agreement.accepted': 'market-event',
  'agreement.declined': 'market-event',
  'agreement.withdrawn': 'market-event',
  'agreement.ending': 'market-event',
  'match.proposed': 'domain-event',
  'match.superseded': 'domain-event',
  'match.accepted': 'domain-event',
  'match.declined': 'market-event',
  'match.expired': 'market-event',
  'match.confirmed': 'market-event',
  'trade.updated': 'market-event',
  'organization.verified': 'domain-event',
  'organization.rejected': 'domain-event',
  'organization.matching_changed': 'market-event',
  'network.closure_started': 'market-event',
  'network.closure_ended': 'market-event',
  'network.service_changed': 'market-event',
  'exclusion.lifted': 'market-event',
  'exclusion.partner_excluded': 'market-event',
  'price_reference.changed': 'market-event',
  'price.spike_detected': 'domain-event',
  'commodity.rationing_changed': 'market-event',
};

/** The event types of the market lane (for the relay's claim order). */
export const MARKET_EVENT_TYPES = (Object.keys(EVENT_JOBS) as DomainEventType[]).filter(
  (type) => EVENT_JOBS[type] === 'market-event',
);

export const jobIds = {
  /** Both event jobs: the id is unique within its queue, and an event has one lane. */
  domainEvent: (eventId: string) => `event-${eventId}`,
  /** Deduplication id: bursts of events for one commodity collapse into one pending run. */
  reoptimize: (commodityCode: string) => `reoptimize-${commodityCode}`,
  expireMarketScheduler: 'expire-market-every-minute',
  webhookDelivery: (deliveryId: string) => `delivery-${deliveryId}`,
  channelMessage: (messageId: string) => `channel-message-${messageId}`,
  inbound: (inboundId: string) => `inbound-${inboundId}`,
};
