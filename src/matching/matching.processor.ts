import { DelayedError } from 'bullmq';
import { runWithCorrelationId } from '../common/request-context';
import { QUEUES } from '../queue/job-catalog';
import { JobHost, JobOf, JobProcessor } from '../queue/job-processor';
import { timeJob } from '../observability/metrics';
import { LiveMarkets, NOT_OWNER } from './live/live-markets.service';
import type { RunSummary } from './matching.service';
import { RECOVERY_SWEEP_REASON } from './reoptimize.scheduler';

/**
 * A job that lands on a worker not owning its commodity goes back to the queue after this, for
 * whichever worker takes it next (the owner, or anyone once the owner's lease lapsed). Short: the
 * queue has no routing, so the job may land on a non-owner a few times before the owner.
 */
export const NOT_OWNER_RETRY_MS = 100;

@JobProcessor('reoptimize-commodity')
export class MatchingProcessor extends JobHost<'reoptimize-commodity'> {
  constructor(private readonly live: LiveMarkets) {
    super();
  }

  /**
   * Throws on failure so BullMQ retries with backoff; the run is one transaction, so a retry is
   * safe. Only the commodity's owner runs it (src/matching/live/): elsewhere the job is delayed
   * without using an attempt (DelayedError).
   */
  async process(job: JobOf<'reoptimize-commodity'>, token?: string): Promise<RunSummary | null> {
    const outcome = await timeJob(QUEUES.matching, job.name, () =>
      runWithCorrelationId(job.data.correlationId, () =>
        // Only the sweep's periodic check may be spared a solve (live-markets.service.ts).
        this.live.reoptimize(job.data.commodityCode, {
          mayBeSettled: job.data.reason === RECOVERY_SWEEP_REASON,
        }),
      ),
    );
    if (outcome !== NOT_OWNER) return outcome;
    await job.moveToDelayed(Date.now() + NOT_OWNER_RETRY_MS, token);
    throw new DelayedError();
  }
}
