import type { JobsOptions } from 'bullmq';
import type { QueueName } from './job-catalog';

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
  events: 8,
};
