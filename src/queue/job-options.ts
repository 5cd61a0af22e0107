import type { JobsOptions } from 'bullmq';
import {
  jobIds,
  type JobName,
  type JobPayloads,
  type QueueName,
  type SendChannelMessagePayload,
} from './job-catalog';

/**
 * Retries, backoff, retention and concurrency in one place. Completed jobs are kept for a day so
 * that a replayed add with the same job id is still recognised as a duplicate by BullMQ;
 * failed ones for a week so that an operator can see why.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  // Notification fan-out: each job is a handful of short queries. More would mostly add
  // PostgreSQL connections and row-lock waits that the solver's load and write then queue behind.
  events: 8,
  // The market lane is small (one event per user action) and each event's handlers are short
  // (a deduplicated enqueue, a balance refresh): enough that a burst of posts does not queue.
  'market-events': 4,
  // Different commodities run in parallel; the same commodity never does (deduplication id
  // with keepLastIfActive, and a per-commodity advisory lock in PostgreSQL).
  matching: 4,
  maintenance: 1,
  webhooks: 16,
  'channel-whatsapp': 8,
  'channel-sms': 4,
  'channel-inbound': 4,
};

/**
 * Webhook retries: about 38 hours in all (at least 30 with the jitter) (Standard Webhooks asks for at least a day), each delay
 * with +-20% jitter so that a receiver coming back is not hit by every retry at once.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [
  5, 30, 120, 600, 1800, 3600, 7200, 14400, 21600, 28800, 28800, 28800,
].map((seconds) => seconds * 1000);
export const WEBHOOK_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

/** `unitMs` is the length of one scheduled second (1000 in production; tests shrink it). */
export function webhookRetryDelay(
  attemptsMade: number,
  unitMs = 1000,
  random: () => number = Math.random,
): number {
  const base =
    WEBHOOK_RETRY_DELAYS_MS[Math.min(attemptsMade, WEBHOOK_RETRY_DELAYS_MS.length) - 1] ?? 5000;
  return Math.round(((base * unitMs) / 1000) * (0.8 + 0.4 * random()));
}

/**
 * The wait of a webhook job postponed because its tenant's delivery slots are taken (no attempt
 * used): 100-200 ms at first, doubling up to 6.4-12.8 s, jittered so that waiting jobs do not
 * return together.
 */
export function postponeDelay(postponed: number, random: () => number = Math.random): number {
  const base = 100 * 2 ** Math.min(postponed - 1, 6);
  return Math.round(base * (1 + random()));
}

/** How often listings, requests and proposals past their time are expired. */
export const EXPIRE_MARKET_EVERY_MS = 60_000;

/**
 * Outbound WhatsApp and SMS: retries over about two hours (a proposal lives 48 hours; a message
 * later than that is worth less than its SMS fallback), then the last attempt falls back.
 */
export const CHANNEL_RETRY_DELAYS_S = [5, 30, 120, 600, 1800, 3600];
export const CHANNEL_ATTEMPTS = CHANNEL_RETRY_DELAYS_S.length + 1;

export function channelRetryDelay(attemptsMade: number, unitMs = 1000): number {
  const base =
    CHANNEL_RETRY_DELAYS_S[Math.min(attemptsMade, CHANNEL_RETRY_DELAYS_S.length) - 1] ?? 5;
  return base * unitMs;
}

/**
 * Per-provider send rates (BullMQ limiter, shared by every worker on the queue). WhatsApp Cloud
 * API: 80 messages per second per business phone number by default, inbound and outbound counted
 * together (https://developers.facebook.com/docs/whatsapp/throughput); we take half, leaving the
 * rest to the replies' traffic. SMS gateways publish no common figure: 10 per second is an
 * estimate, to be set to the contracted rate.
 */
export const CHANNEL_RATE_LIMITS = {
  whatsapp: { max: 40, duration: 1000 },
  sms: { max: 10, duration: 1000 },
} as const;

/** What the job options read from the configuration. */
export interface JobSettings {
  /** Length of one scheduled second of the webhook retry schedule (`WEBHOOK_RETRY_UNIT_MS`). */
  webhookRetryUnitMs: number;
  /** The same for WhatsApp and SMS sends (`CHANNEL_RETRY_UNIT_MS`). */
  channels: { retryUnitMs: number };
}

/** Job id = message id: a message queued again (replayed event, recovery sweep) is a no-op. */
const channelSend = (payload: SendChannelMessagePayload, settings: JobSettings): JobsOptions => ({
  jobId: jobIds.channelMessage(payload.messageId),
  attempts: CHANNEL_ATTEMPTS,
  backoff: { type: 'channel', delay: settings.channels.retryUnitMs },
});

/** Each job's options beyond the defaults: its id (or deduplication id), attempts, backoff. */
const JOB_SPECIFIC_OPTIONS: {
  [N in JobName]: (payload: JobPayloads[N], settings: JobSettings) => JobsOptions;
} = {
  // Job id = event id: a re-publish after a crash between add and stamp is a no-op.
  'domain-event': (event) => ({ jobId: jobIds.domainEvent(event.eventId) }),
  'market-event': (event) => ({ jobId: jobIds.domainEvent(event.eventId) }),
  // keepLastIfActive: a burst collapses into one pending run, and a change during a run queues
  // exactly one more after it (see ReoptimizeScheduler).
  'reoptimize-commodity': (payload) => ({
    deduplication: { id: jobIds.reoptimize(payload.commodityCode), keepLastIfActive: true },
  }),
  'expire-market': () => ({}),
  // Job id = delivery id: adding a delivery that already has a job (even a delayed retry) is a
  // no-op. The retry unit travels in the backoff options (read by WebhooksProcessor).
  'deliver-webhook': (payload, settings) => ({
    jobId: jobIds.webhookDelivery(payload.deliveryId),
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: 'webhook', delay: settings.webhookRetryUnitMs },
  }),
  'send-whatsapp': channelSend,
  'send-sms': channelSend,
  // Job id = inbound row id: a provider's retried callback re-adds the same job (a no-op).
  'handle-inbound': (payload) => ({ jobId: jobIds.inbound(payload.inboundId) }),
};

/** The one function that decides a job's options, from its name and payload. */
export function jobOptions<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  settings: JobSettings,
): JobsOptions {
  const specific = JOB_SPECIFIC_OPTIONS[name] as (
    payload: JobPayloads[N],
    settings: JobSettings,
  ) => JobsOptions;
  return { ...DEFAULT_JOB_OPTIONS, ...specific(payload, settings) };
}

/** A job ready for `Queue.add`/`addBulk`: name, payload and the options of `jobOptions`. */
export function jobRequest<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  settings: JobSettings,
): { name: N; data: JobPayloads[N]; opts: JobsOptions } {
  return { name, data: payload, opts: jobOptions(name, payload, settings) };
}
