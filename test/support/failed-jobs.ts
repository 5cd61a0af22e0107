import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { loadConfig } from '../../src/config/app-config';
import { redisOptions } from '../../src/queue/redis-connection';
import { waitFor } from './wait';

/** A queue of this test file's key space (its Redis prefix), for reading job states. */
export function fileQueue(name: string): Queue {
  const config = loadConfig();
  return new Queue(name, {
    prefix: config.redisPrefix,
    connection: redisOptions(config.redisUrl, 'blocking-worker'),
  });
}

/**
 * Fails `jobId` for good, as BullMQ does after its last attempt: a worker whose every attempt
 * throws UnrecoverableError takes the queue until that job is in the failed set (other jobs
 * waiting in the queue meanwhile fail too). Returns the failed job as BullMQ stores it.
 */
export async function failForGood(queueName: string, jobId: string): Promise<Job> {
  const config = loadConfig();
  const queue = fileQueue(queueName);
  const worker = new Worker(
    queueName,
    async () => {
      throw new UnrecoverableError('failed for good, for the test');
    },
    {
      prefix: config.redisPrefix,
      connection: redisOptions(config.redisUrl, 'blocking-worker'),
    },
  );
  try {
    await waitFor(async () => (await queue.getJobState(jobId)) === 'failed', {
      what: `${jobId} to fail for good`,
    });
    return (await queue.getJob(jobId))!;
  } finally {
    await worker.close();
    await queue.close();
  }
}
