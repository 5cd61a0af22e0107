import { Module } from '@nestjs/common';
import { OutboxWorkerModule } from '../outbox/outbox-worker.module';
import { QueueModule } from '../queue/queue.module';
import { NotificationWriter } from './inbox/notification.writer';
import { NotificationFanout } from './notification.fanout';
import { NotificationPublisher } from './redis-pubsub';
import { DeliveryGate } from './webhooks/delivery-gate';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhooksProcessor } from './webhooks/webhooks.processor';

/** Worker side: fan-out of events to inboxes, streams and webhook deliveries, and the deliveries. */
@Module({
  imports: [QueueModule, OutboxWorkerModule],
  providers: [
    NotificationPublisher,
    NotificationWriter,
    NotificationFanout,
    WebhookDeliveryService,
    DeliveryGate,
    WebhooksProcessor,
  ],
  exports: [NotificationWriter],
})
export class NotificationsWorkerModule {}
