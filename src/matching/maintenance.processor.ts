import { timeJob } from '../observability/metrics';
import { QUEUES } from '../queue/job-catalog';
import { JobHost, JobOf, JobProcessor } from '../queue/job-processor';
import { ExpiryService, ExpirySummary } from './expiry.service';

/** Runs the expiry schedule; the schedule itself is (re-)created by the RecoverySweeper. */
@JobProcessor('expire-market')
export class MaintenanceProcessor extends JobHost<'expire-market'> {
  constructor(private readonly expiry: ExpiryService) {
    super();
  }

  async process(job: JobOf<'expire-market'>): Promise<ExpirySummary> {
    return timeJob(QUEUES.maintenance, job.name, () => this.expiry.expireDue());
  }
}
