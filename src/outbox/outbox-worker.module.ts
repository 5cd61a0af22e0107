import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { DomainEventBus } from './domain-event.bus';
import { EventsProcessor } from './events.processor';
import { MarketEventsProcessor } from './market-events.processor';
import { RelayedEventHandler } from './relayed-event.handler';
import { OutboxRelay } from './outbox.relay';

/** Worker side of the outbox: the relay (DB -> BullMQ) and the consumer (BullMQ -> handlers). */
@Module({
  imports: [QueueModule],
  providers: [
    OutboxRelay,
    DomainEventBus,
    RelayedEventHandler,
    EventsProcessor,
    MarketEventsProcessor,
  ],
  exports: [DomainEventBus, OutboxRelay],
})
export class OutboxWorkerModule {}
