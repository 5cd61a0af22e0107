/**
 * The one catalog of queues and jobs: each job name is tied to its queue and payload type.
 * Payloads carry ids, never entities; handlers re-read the database and skip what is gone.
 * Job ids are built with '-', never ':' (BullMQ reserves ':').
 */
export const QUEUES = {
  /** Domain events relayed from the outbox, one job per event (job id = event id). */
  events: 'events',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface DomainEventPayload {
  eventId: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  data: Record<string, unknown>;
  correlationId: string | null;
  occurredAt: string;
}

export interface JobPayloads {
  'domain-event': DomainEventPayload;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'domain-event': QUEUES.events,
};

export const jobIds = {
  domainEvent: (eventId: string) => `event-${eventId}`,
};
