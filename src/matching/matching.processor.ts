import { runWithCorrelationId } from '../common/request-context';
import { QUEUES } from '../queue/job-catalog';
import { JobHost, JobOf, JobProcessor } from '../queue/job-processor';
import { timeJob } from '../observability/metrics';
import { MatchingService, RunSummary } from './matching.service';

@JobProcessor('reoptimize-commodity')
export class MatchingProcessor extends JobHost<'reoptimize-commodity'> {
  constructor(private readonly matching: MatchingService) {
    super();
  }

  /** Throws on failure so BullMQ retries with backoff; the run is one transaction, so a retry is safe. */
  async process(job: JobOf<'reoptimize-commodity'>): Promise<RunSummary | null> {
    return timeJob(QUEUES.matching, job.name, () =>
      runWithCorrelationId(job.data.correlationId, () =>
        this.matching.reoptimize(job.data.commodityCode),
      ),
    );
  }
}
