import { Module } from '@nestjs/common';
import { LoggingModule } from './common/logging.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { MaintenanceProcessor } from './matching/maintenance.processor';
import { MatchingWorkerModule } from './matching/matching-worker.module';
import { MatchingProcessor } from './matching/matching.processor';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { WebhooksProcessor } from './notifications/webhooks/webhooks.processor';
import { EventsProcessor } from './outbox/events.processor';
import { OutboxWorkerModule } from './outbox/outbox-worker.module';
import { WorkerMetricsServer } from './observability/worker-metrics.server';
import { ProgrammesWorkerModule } from './programmes/programmes-worker.module';
import { ProcessorClass } from './queue/processors';
import { QueueModule } from './queue/queue.module';
import { RecoverySweeper } from './recovery.sweeper';

/** Every processor class the worker registers; checked against the job catalog at boot. */
export const PROCESSORS: ProcessorClass[] = [
  EventsProcessor,
  MatchingProcessor,
  MaintenanceProcessor,
  WebhooksProcessor,
];

/** The worker: the outbox relay and every job processor. It serves no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    OutboxWorkerModule,
    MatchingWorkerModule,
    NotificationsWorkerModule,
    QueueModule,
    ProgrammesWorkerModule,
  ],
  providers: [WorkerMetricsServer, RecoverySweeper],
})
export class WorkerModule {}
