import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { runWithCorrelationId } from '../common/request-context';
import { JobName, QUEUES, ReoptimizePayload } from '../queue/job-catalog';
import { QUEUE_CONCURRENCY } from '../queue/job-options';
import { timeJob } from '../observability/metrics';
import { MatchingService, RunSummary } from './matching.service';

@Processor(QUEUES.matching, { concurrency: QUEUE_CONCURRENCY.matching })
export class MatchingProcessor extends WorkerHost {
  static readonly handles: JobName[] = ['reoptimize-commodity'];

  constructor(private readonly matching: MatchingService) {
    super();
  }

  /** Throws on failure so BullMQ retries with backoff; the run is one transaction, so a retry is safe. */
  async process(job: Job<ReoptimizePayload>): Promise<RunSummary | null> {
    return timeJob(QUEUES.matching, job.name, () =>
      runWithCorrelationId(job.data.correlationId, () =>
        this.matching.reoptimize(job.data.commodityCode),
      ),
    );
  }
}
