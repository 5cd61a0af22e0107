import { Injectable } from '@nestjs/common';
import type { DomainEventPayload } from '../queue/job-catalog';

export type DomainEventHandler = (event: DomainEventPayload) => Promise<void>;

/**
 * Worker-side fan-out of relayed domain events to the modules that react to them (matching,
 * notifications). Handlers subscribe by event-type prefix in onModuleInit; each must be
 * idempotent, because BullMQ delivers at least once.
 */
@Injectable()
export class DomainEventBus {
  private readonly handlers: { prefix: string; handler: DomainEventHandler }[] = [];

  subscribe(prefix: string, handler: DomainEventHandler): void {
    this.handlers.push({ prefix, handler });
  }

  async publish(event: DomainEventPayload): Promise<number> {
    const matching = this.handlers.filter((h) => event.type.startsWith(h.prefix));
    for (const { handler } of matching) await handler(event);
    return matching.length;
  }
}
