import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { timeJob } from '../observability/metrics';
import { ExpireMarketPayload, JobName, QUEUES } from '../queue/job-catalog';
import { QUEUE_CONCURRENCY } from '../queue/job-options';
import { ExpiryService, ExpirySummary } from './expiry.service';

/** Runs the expiry schedule; the schedule itself is (re-)created by the RecoverySweeper. */
@Processor(QUEUES.maintenance, { concurrency: QUEUE_CONCURRENCY.maintenance })
export class MaintenanceProcessor extends WorkerHost {
  static readonly handles: JobName[] = ['expire-market'];

  constructor(private readonly expiry: ExpiryService) {
    super();
  }

  async process(job: Job<ExpireMarketPayload>): Promise<ExpirySummary> {
    return timeJob(QUEUES.maintenance, job.name, () => this.expiry.expireDue());
  }
}
