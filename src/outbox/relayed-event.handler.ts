import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runWithCorrelationId } from '../common/request-context';
import type { DomainEventPayload } from '../queue/job-catalog';
import { DomainEventBus } from './domain-event.bus';

/**
 * What both event lanes do with a relayed event: hand it to every bus handler of its type, then
 * stamp it processed (the relay re-relays an event relayed long ago and never stamped).
 */
@Injectable()
export class RelayedEventHandler {
  private readonly logger = new Logger(RelayedEventHandler.name);

  constructor(
    private readonly bus: DomainEventBus,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  handle(event: DomainEventPayload): Promise<{ handlers: number }> {
    return runWithCorrelationId(event.correlationId, async () => {
      const handlers = await this.bus.publish(event);
      await this.dataSource.query(`UPDATE outbox_events SET processed_at = now() WHERE id = $1`, [
        event.eventId,
      ]);
      this.logger.debug(
        { eventId: event.eventId, type: event.type, handlers, correlationId: event.correlationId },
        'domain event handled',
      );
      return { handlers };
    });
  }
}
