import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobQueue } from '../queue/job-queue';
import type { ChannelName } from './adapters/channel-adapter';
import { ChannelMessageWriter } from './messages/channel-message.writer';

/**
 * The rows are the truth, Redis the transport (as RecoverySweeper does for webhooks): messages
 * still pending and inbound messages still unprocessed after RECOVERY_AFTER_MS are handed to
 * their queues again. Job ids are the row ids, so a job that still exists makes this a no-op,
 * unless BullMQ failed it for good: then it is revived (`reviveFailedJobs`).
 */
@Injectable()
export class ChannelRecoverySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChannelRecoverySweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: ChannelMessageWriter,
    private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.channels.enabled.length === 0) return;
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
      const after = `${this.config.recoveryAfterMs} milliseconds`;
      const messages = await this.dataSource.query<{ id: string; channel: ChannelName }[]>(
        `SELECT id, channel FROM channel_messages
          WHERE status = 'pending' AND updated_at < now() - $1::interval
          ORDER BY created_at LIMIT 1000`,
        [after],
      );
      await this.writer.requeue(messages);
      const inbound = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM channel_inbound_messages
          WHERE status = 'received' AND received_at < now() - $1::interval
          ORDER BY received_at LIMIT 1000`,
        [after],
      );
      await this.jobs.requeueBulk(
        'handle-inbound',
        inbound.map((row) => ({ inboundId: row.id })),
      );
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'channel recovery sweep failed; next one retries',
      );
    }
  }
}
