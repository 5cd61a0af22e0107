import { Module } from '@nestjs/common';
import { LoggingModule } from './common/logging.module';
import { ChannelsWorkerModule } from './channels/channels-worker.module';
import {
  SmsSendProcessor,
  WhatsAppSendProcessor,
} from './channels/messages/channel-send.processors';
import { InboundProcessor } from './channels/replies/inbound.processor';
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
import { ProcessorClass } from './queue/processors';
import { QueueModule } from './queue/queue.module';
import { RecoverySweeper } from './recovery.sweeper';

/** Every processor class the worker registers; checked against the job catalog at boot. */
export const PROCESSORS: ProcessorClass[] = [
  EventsProcessor,
  MatchingProcessor,
  MaintenanceProcessor,
  WebhooksProcessor,
  WhatsAppSendProcessor,
  SmsSendProcessor,
  InboundProcessor,
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
    ChannelsWorkerModule,
    QueueModule,
  ],
  providers: [WorkerMetricsServer, RecoverySweeper],
})
export class WorkerModule {}
