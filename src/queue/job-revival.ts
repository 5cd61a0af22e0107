import type { Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';

/*
 * Reviving jobs that BullMQ failed for good while their rows say the work is not done (an event
 * never stamped processed, a webhook delivery or channel message still pending). The row is the
 * truth: a job that ran out of attempts (a database outage longer than its backoff) or stalled
 * past the limit would otherwise keep its id, and every re-add by the relay or a recovery sweep
 * would be a no-op until BullMQ drops the failed job a week later (`removeOnFail`).
 *
 * A job that fails every time (a bug) must not loop for ever, and each run of a channel send may
 * cost a paid message: revivals are spaced out, 0, 1, 4, 16, 64 minutes, then about 4 and 17
 * hours, then a day apart, and stop after eight (about two days after the first failure). The
 * count lives in Redis beside the queue for a week, as long as BullMQ keeps a failed job; then
 * the next re-add starts afresh, as before this existed.
 */
export const MAX_REVIVALS = 8;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const REVIVAL_MEMORY_MS = 7 * DAY_MS;

/** How long a job must have been failed before its next revival, after `count` of them. */
export function reviveAfterMs(count: number): number {
  return count === 0 ? 0 : Math.min(DAY_MS, MINUTE_MS * 4 ** (count - 1));
}

export interface Revivals {
  /** Failed jobs handed back as fresh ones. */
  revived: string[];
  /** Failed jobs revived MAX_REVIVALS times already, reported once: left for an operator. */
  givenUp: string[];
}

/**
 * Revives the jobs of `requests` (the adds just made, each with its job id) that BullMQ has
 * failed for good, when their spacing allows. A revived job is removed and added again as a
 * fresh job (the same id, data and options): its attempts and its stall counter start from zero,
 * which `Job.retry` would not do for the stall counter. Jobs in any other state are left alone.
 */
export async function reviveFailedJobs(
  queue: Queue,
  requests: readonly { name: string; data: unknown; opts: JobsOptions }[],
  now: number = Date.now(),
): Promise<Revivals> {
  const result: Revivals = { revived: [], givenUp: [] };
  const redis = await queue.getBackend().client;
  // One read per job, sent together (most are not failed: a delayed webhook retry, a job that
  // is waiting behind others), then one by one for the failed ones.
  const jobs = await Promise.all(
    requests.map((request) =>
      request.opts.jobId ? queue.getJob(request.opts.jobId) : Promise.resolve(undefined),
    ),
  );
  for (const [i, request] of requests.entries()) {
    const job = jobs[i];
    const id = request.opts.jobId;
    if (!id || !job?.finishedOn || !job.failedReason || !(await job.isFailed())) continue;
    const key = queue.toKey(`revivals:${id}`);
    const count = Number((await redis.get(key)) ?? 0);
    if (count >= MAX_REVIVALS) {
      // Counted one past the limit once reported, so the report is made once.
      if (count === MAX_REVIVALS) {
        await redis.set(key, MAX_REVIVALS + 1, { PX: REVIVAL_MEMORY_MS });
        result.givenUp.push(id);
      }
      continue;
    }
    if (now - job.finishedOn < reviveAfterMs(count)) continue;
    try {
      await job.remove();
    } catch {
      continue; // another sweep revived or removed it first
    }
    // Written by the one sweep whose remove succeeded: no two revivals count as one.
    await redis.set(key, count + 1, { PX: REVIVAL_MEMORY_MS });
    await queue.add(request.name, request.data, request.opts);
    result.revived.push(id);
  }
  return result;
}

export function reportRevivals(logger: Logger, { revived, givenUp }: Revivals): void {
  if (revived.length > 0) {
    logger.warn({ jobIds: revived }, 'revived jobs that had failed for good');
  }
  if (givenUp.length > 0) {
    logger.error(
      { jobIds: givenUp, revivals: MAX_REVIVALS },
      'jobs failed for good after every revival; left failed for an operator',
    );
  }
}
