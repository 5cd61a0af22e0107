import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { RECOVERY_SWEEP_REASON, ReoptimizeScheduler } from './matching/reoptimize.scheduler';
import { NotificationWriter } from './notifications/inbox/notification.writer';
import { jobIds } from './queue/job-catalog';
import { JobQueue } from './queue/job-queue';
import { EXPIRE_MARKET_EVERY_MS } from './queue/job-options';

/**
 * PostgreSQL is the truth and Redis only the transport, so whatever Redis should hold can be
 * rebuilt from the database if Redis restarts empty. Every worker, on a timer outside BullMQ
 * (a schedule kept in Redis would be lost with it): re-creates the expiry schedule, hands
 * pending webhook deliveries back to the queue, and asks for a re-optimisation of every
 * commodity with an open market. That run goes to the commodity's owner, whose live market
 * (src/matching/live/) checks the stored proposals against its allocation and solves only when
 * they differ: on an unchanged market the sweep costs a load, not a solve. All of it is
 * idempotent (job ids, deduplication ids, runs that write nothing on an unchanged market). Lost
 * events are re-relayed by the outbox relay.
 */
@Injectable()
export class RecoverySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RecoverySweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationWriter,
    private readonly reoptimize: ReoptimizeScheduler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedule().catch(() => undefined);
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = null));
    }, this.config.recoveryIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<void> {
    try {
      await this.ensureSchedule();
      const after = `${this.config.recoveryAfterMs} milliseconds`;
      const deliveries = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM webhook_deliveries WHERE status = 'pending' AND updated_at < now() - $1::interval
          ORDER BY created_at LIMIT 1000`,
        [after],
      );
      await this.notifications.requeueDeliveries(deliveries.map((d) => d.id));
      const commodities = await this.dataSource.query<{ commodity_code: string }[]>(
        `SELECT commodity_code FROM supply_listings WHERE status = 'open'
         INTERSECT SELECT commodity_code FROM demand_requests WHERE status = 'open'`,
      );
      for (const { commodity_code } of commodities) {
        await this.reoptimize.schedule(commodity_code, RECOVERY_SWEEP_REASON, null);
      }
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'recovery sweep failed; next one retries',
      );
    }
  }

  /** Idempotent: BullMQ keeps one scheduler per id, however many workers upsert it. */
  private async ensureSchedule(): Promise<void> {
    await this.jobs.repeat(
      'expire-market',
      {},
      { schedulerId: jobIds.expireMarketScheduler, everyMs: EXPIRE_MARKET_EVERY_MS },
    );
  }
}
