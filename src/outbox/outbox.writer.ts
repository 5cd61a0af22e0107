import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { currentCorrelationId } from '../common/request-context';
import { chunksOf, rowsPerStatement } from '../common/chunks';
import type { NewDomainEvent } from '../events/event-catalog';
import { OutboxEvent } from './outbox-event.entity';

export type { NewDomainEvent } from '../events/event-catalog';

/**
 * Appends events inside the caller's transaction: the change and its events commit together or
 * not at all, whatever happens to Redis. Events come only from the factories of
 * `events/domain-events.ts`, so every row's payload matches its type.
 */
@Injectable()
export class OutboxWriter {
  async append(manager: EntityManager, events: readonly NewDomainEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const correlationId = currentCorrelationId();
    const rows = events.map((event) => ({
      id: randomUUID(),
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload,
      correlationId,
      publishedAt: null,
    }));
    // A matching run at national scale appends tens of thousands of events in one transaction.
    const perStatement = rowsPerStatement(
      manager.connection.getMetadata(OutboxEvent).columns.length,
    );
    for (const chunk of chunksOf(rows, perStatement)) {
      await manager.insert(OutboxEvent, chunk as QueryDeepPartialEntity<OutboxEvent>[]);
    }
    return rows.map((row) => row.id);
  }
}
