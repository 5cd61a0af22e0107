import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { timeJob } from '../observability/metrics';
import { QUEUES } from '../queue/job-catalog';
import { JobHost, JobOf, JobProcessor } from '../queue/job-processor';
import { NetworkClosures } from '../network/network-closures.service';
import { ExpiryService, ExpirySummary } from './expiry.service';
import { MARKET_CHANGES_KEPT_MS, MarketRepository } from './market.repository';

/** Runs the expiry schedule; the schedule itself is (re-)created by the RecoverySweeper. */
@JobProcessor('expire-market')
export class MaintenanceProcessor extends JobHost<'expire-market'> {
  constructor(
    private readonly expiry: ExpiryService,
    private readonly closures: NetworkClosures,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(
    job: JobOf<'expire-market'>,
  ): Promise<
    ExpirySummary & { closures: { started: number; ended: number }; changesPruned: number }
  > {
    return timeJob(QUEUES.maintenance, job.name, async () => ({
      ...(await this.expiry.expireDue()),
      // Closures planned ahead come into force, and end, on the minute (#10 disruptions).
      closures: await this.closures.advance(),
      changesPruned: await new MarketRepository(this.dataSource.manager).pruneChanges(
        MARKET_CHANGES_KEPT_MS,
      ),
    }));
  }
}
