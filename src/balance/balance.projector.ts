import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DomainEventType, RelayedEvent } from '../events/event-catalog';
import { CoalescingBatcher } from '../common/coalescing-batcher';
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

type BalanceEvent = RelayedEvent<(typeof BALANCE_EVENTS)[number]>;

/**
 * Keeps the balance current from domain events (worker side). An event names the row it is
 * about; the projector refreshes that row's contribution from the base tables (and, for a match
 * or trade, its listing's and request's too: a confirmation or a cancellation moves their
 * remaining quantity, which a withdrawn one's posted quantity depends on). Reading the current
 * rows rather than the event's content makes the projection idempotent and indifferent to order.
 *
 * Events handled at the same time are refreshed together (`CoalescingBatcher`): one transaction
 * for all of them instead of one each. Every match event of a run touches the same few cells (one
 * region, commodity and week), so one transaction per event made the event handlers queue on
 * those cells' row locks, a dozen statements each, while the market's work waited behind them.
 * Since a refresh recomputes its sources from the base tables, refreshing a union of sources once
 * leaves the same cells as refreshing each in turn.
 */
@Injectable()
export class BalanceProjector implements OnModuleInit {
  private readonly batcher = new CoalescingBatcher<BalanceEvent>((events) => this.refresh(events));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: DomainEventBus,
    private readonly store: BalanceStore,
  ) {}

  onModuleInit(): void {
    this.bus.on(BALANCE_EVENTS, (event) => this.project(event));
  }

  /** Resolves once the event's sources are refreshed (alone, or with events handled meanwhile). */
  project(event: BalanceEvent): Promise<void> {
    return this.batcher.add(event);
  }

  private async refresh(events: BalanceEvent[]): Promise<void> {
    await this.store.refresh(await this.sourcesOf(events));
  }

  /** The sources of a batch of events: ids named directly, and one query for matches and trades. */
  private async sourcesOf(events: BalanceEvent[]): Promise<BalanceSources> {
    const ids = (type: BalanceEvent['aggregateType']) => [
      ...new Set(events.filter((e) => e.aggregateType === type).map((e) => e.aggregateId)),
    ];
    const matchIds = ids('match');
    const tradeIds = ids('trade');
    const rows =
      matchIds.length + tradeIds.length === 0
        ? []
        : await this.dataSource.query<
            { id: string; supply_listing_id: string; demand_request_id: string }[]
          >(
            `SELECT id, supply_listing_id, demand_request_id FROM matches
              WHERE id = ANY($1::uuid[])
                 OR id IN (SELECT match_id FROM trades WHERE id = ANY($2::uuid[]))`,
            [matchIds, tradeIds],
          );
    return {
      listingIds: [...new Set([...ids('supply_listing'), ...rows.map((r) => r.supply_listing_id)])],
      requestIds: [...new Set([...ids('demand_request'), ...rows.map((r) => r.demand_request_id)])],
      matchIds: [...new Set(rows.map((r) => r.id))],
    };
  }
}
