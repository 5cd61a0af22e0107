import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggingModule } from './common/logging.module';
import { BalanceWorkerModule } from './balance/balance-worker.module';
import { ChannelsWorkerModule } from './channels/channels-worker.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { MatchingWorkerModule } from './matching/matching-worker.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { OutboxWorkerModule } from './outbox/outbox-worker.module';
import { WorkerMetricsServer } from './observability/worker-metrics.server';
import { ProgrammesWorkerModule } from './programmes/programmes-worker.module';
import { JobHandlersCheck } from './queue/processors';
import { QueueModule } from './queue/queue.module';
import { RecoverySweeper } from './recovery.sweeper';

/** The worker: the outbox relay and every job processor. It serves no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    OutboxWorkerModule,
    MatchingWorkerModule,
    NotificationsWorkerModule,
    ChannelsWorkerModule,
    QueueModule,
    DiscoveryModule,
    ProgrammesWorkerModule,
    BalanceWorkerModule,
  ],
  // JobHandlersCheck: boot fails unless every job of the catalog has exactly one @JobProcessor.
  providers: [WorkerMetricsServer, RecoverySweeper, JobHandlersCheck],
})
export class WorkerModule {}
