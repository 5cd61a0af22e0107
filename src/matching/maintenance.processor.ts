import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ExpireMarketPayload, jobIds, JobName, QUEUES } from '../queue/job-catalog';
import { EXPIRE_MARKET_EVERY_MS, QUEUE_CONCURRENCY } from '../queue/job-options';
import { timeJob } from '../observability/metrics';
import { ExpiryService, ExpirySummary } from './expiry.service';

@Processor(QUEUES.maintenance, { concurrency: QUEUE_CONCURRENCY.maintenance })
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  static readonly handles: JobName[] = ['expire-market'];

  constructor(
    private readonly expiry: ExpiryService,
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue<ExpireMarketPayload>,
  ) {
    super();
  }

  /** Idempotent: every worker upserts the same scheduler, and BullMQ keeps one. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      jobIds.expireMarketScheduler,
      { every: EXPIRE_MARKET_EVERY_MS },
      { name: 'expire-market', data: {} },
    );
  }

  async process(job: Job<ExpireMarketPayload>): Promise<ExpirySummary> {
    return timeJob(QUEUES.maintenance, job.name, () => this.expiry.expireDue());
  }
}
