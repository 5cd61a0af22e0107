import { Injectable } from '@nestjs/common';
import type { DomainEventType, RelayedEvent } from '../events/event-catalog';

export type DomainEventHandler<T extends DomainEventType = DomainEventType> = (
  event: RelayedEvent<T>,
) => Promise<void>;

/**
 * Worker-side fan-out of relayed domain events to the modules that react to them (matching,
 * notifications). Handlers subscribe to event types named exactly (one, or a list), in
 * onModuleInit, and receive those types' payloads; each must be idempotent, because BullMQ
 * delivers at least once.
 */
@Injectable()
export class DomainEventBus {
  private readonly handlers = new Map<DomainEventType, DomainEventHandler[]>();

  on<T extends DomainEventType>(
    types: T | readonly T[],
    handler: (event: RelayedEvent<T>) => Promise<void>,
  ): void {
    for (const type of typeof types === 'string' ? [types] : types) {
      const list = this.handlers.get(type) ?? [];
      list.push(handler as DomainEventHandler);
      this.handlers.set(type, list);
    }
  }

  async publish(event: RelayedEvent): Promise<number> {
    const handlers = this.handlers.get(event.type) ?? [];
    for (const handler of handlers) await handler(event);
    return handlers.length;
  }
}
