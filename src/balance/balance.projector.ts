import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DomainEventType, RelayedEvent } from '../events/event-catalog';
import { DomainEventBus } from '../outbox/domain-event.bus';
import { BalanceStore, type BalanceSources } from './balance.store';

/** Events that change what a listing posts: created, edited, withdrawn, expired. */
const LISTING_EVENTS = [
  'supply_listing.created',
  'supply_listing.updated',
  'supply_listing.withdrawn',
  'supply_listing.expired',
] as const satisfies readonly DomainEventType[];
const REQUEST_EVENTS = [
  'demand_request.created',
  'demand_request.updated',
  'demand_request.withdrawn',
  'demand_request.expired',
] as const satisfies readonly DomainEventType[];
/** Every step of a proposal: proposed, superseded, accepted, declined, expired, confirmed. */
const MATCH_EVENTS = [
  'match.proposed',
  'match.superseded',
  'match.accepted',
  'match.declined',
  'match.expired',
  'match.confirmed',
] as const satisfies readonly DomainEventType[];

export const BALANCE_EVENTS = [
  ...LISTING_EVENTS,
  ...REQUEST_EVENTS,
  ...MATCH_EVENTS,
  'trade.updated',
] as const satisfies readonly DomainEventType[];

/**
 * Keeps the balance current from domain events (worker side). An event names the row it is
 * about; the projector refreshes that row's contribution from the base tables (and, for a match
 * or trade, its listing's and request's too: a confirmation or a cancellation moves their
 * remaining quantity, which a withdrawn one's posted quantity depends on). Reading the current
 * rows rather than the event's content makes the projection idempotent and indifferent to order.
 */
@Injectable()
export class BalanceProjector implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: DomainEventBus,
    private readonly store: BalanceStore,
  ) {}

  onModuleInit(): void {
    this.bus.on(BALANCE_EVENTS, (event) => this.project(event));
  }

  async project(event: RelayedEvent<(typeof BALANCE_EVENTS)[number]>): Promise<void> {
    await this.store.refresh(await this.sourcesOf(event));
  }

  private async sourcesOf(
    event: RelayedEvent<(typeof BALANCE_EVENTS)[number]>,
  ): Promise<BalanceSources> {
    const none: BalanceSources = { listingIds: [], requestIds: [], matchIds: [] };
    switch (event.aggregateType) {
      case 'supply_listing':
        return { ...none, listingIds: [event.aggregateId] };
      case 'demand_request':
        return { ...none, requestIds: [event.aggregateId] };
      case 'match':
      case 'trade': {
        const matchId =
          event.aggregateType === 'match'
            ? '$1::uuid'
            : '(SELECT match_id FROM trades WHERE id = $1)';
        const rows = await this.dataSource.query<
          { id: string; supply_listing_id: string; demand_request_id: string }[]
        >(`SELECT id, supply_listing_id, demand_request_id FROM matches WHERE id = ${matchId}`, [
          event.aggregateId,
        ]);
        return {
          listingIds: rows.map((r) => r.supply_listing_id),
          requestIds: rows.map((r) => r.demand_request_id),
          matchIds: rows.map((r) => r.id),
        };
      }
    }
  }
}
