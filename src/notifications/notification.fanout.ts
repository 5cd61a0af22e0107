import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { regionCovers } from '../reference/region-coverage';
import { Trade } from '../deals/trade.entity';
import { TradeView } from '../deals/trade.dto';
import { Match } from '../matching/match.entity';
import { loadOrganizations } from '../accounts/organization-directory';
import { MatchView } from '../matching/match.dto';
import { DomainEventBus } from '../outbox/domain-event.bus';
import { MATCH_EVENT_TYPES, type MatchEventType, type RelayedEvent } from '../events/event-catalog';
import { NotificationWriter, Recipient } from './inbox/notification.writer';

interface WatchRow {
  id: string;
  organization_id: string;
  origin_code: string | null;
  destination_code: string | null;
  min_quantity: number | null;
}

/**
 * Turns domain events into notifications: each match event to the supplier and the buyer (each
 * seeing the match from its own side), trade updates to both parties, and new proposals to the
 * traders whose watchlists cover them, as opportunities that name neither party nor the buyer's
 * maximum price.
 */
@Injectable()
export class NotificationFanout implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: DomainEventBus,
    private readonly writer: NotificationWriter,
  ) {}

  onModuleInit(): void {
    this.bus.on(MATCH_EVENT_TYPES, (event) => this.onMatchEvent(event));
    this.bus.on('trade.updated', (event) => this.onTradeEvent(event));
    this.bus.on(['organization.verified', 'organization.rejected'], (event) =>
      this.onVerificationDecided(event),
    );
    this.bus.on('price.spike_detected', (event) => this.onPriceSpike(event));
  }

  /**
   * A regional price spike, to the government and procurement offices of that region: those in
   * it (a province's spike reaches its regencies' offices) and the province's own government.
   */
  private async onPriceSpike(event: RelayedEvent<'price.spike_detected'>): Promise<void> {
    const data = event.data;
    const offices = await this.dataSource.query<{ id: string; region_code: string }[]>(
      `SELECT id, region_code FROM organizations
        WHERE type IN ('government', 'procurement')
          AND (region_code = $1 OR region_code LIKE $1 || '.%' OR $1 LIKE region_code || '.%')
        ORDER BY id`,
      [data.regionCode],
    );
    await this.writer.deliver(
      event.eventId,
      event.type,
      offices.map((o) => ({ organizationId: o.id, data: { ...data } })),
    );
  }

  /** An administrator's decision on an organization, told to that organization with the note. */
  private async onVerificationDecided(
    event: RelayedEvent<'organization.verified' | 'organization.rejected'>,
  ): Promise<void> {
    const data = event.data;
    await this.writer.deliver(event.eventId, event.type, [
      {
        organizationId: data.organizationId,
        data: {
          organizationId: data.organizationId,
          verificationStatus: data.verificationStatus,
          note: data.note,
        },
      },
    ]);
  }

  private async onMatchEvent(event: RelayedEvent<MatchEventType>): Promise<void> {
    const match = await this.dataSource
      .getRepository(Match)
      .findOne({ where: { id: event.aggregateId } });
    if (!match) return; // gone: nothing to tell
    const parties = [...new Set([match.supplierOrganizationId, match.buyerOrganizationId])];
    const directory = await loadOrganizations(this.dataSource.manager, parties);
    const recipients: Recipient[] = parties.map((organizationId) => ({
      organizationId,
      data: {
        match: MatchView.from(match, organizationId, directory),
        ...(event.type === 'match.confirmed' ? { tradeId: event.data.tradeId } : {}),
        // Why a proposal was superseded or declined (e.g. `listing_changed: pricePerUnit`).
        ...(event.type === 'match.superseded' || event.type === 'match.declined'
          ? { reason: event.data.reason }
          : {}),
      },
    }));
    await this.writer.deliver(event.eventId, event.type, recipients);
    if (event.type === 'match.proposed') await this.opportunities(event, match, parties);
  }

  private async opportunities(
    event: RelayedEvent<'match.proposed'>,
    match: Match,
    parties: string[],
  ): Promise<void> {
    const [context] = await this.dataSource.query<
      { origin: string; destination: string; grade: string | null }[]
    >(
      `SELECT l.origin_region_code AS origin, r.destination_region_code AS destination, l.grade
         FROM supply_listings l, demand_requests r WHERE l.id = $1 AND r.id = $2`,
      [match.supplyListingId, match.demandRequestId],
    );
    if (!context) return;
    const watches = await this.dataSource.query<WatchRow[]>(
      `SELECT w.id, w.organization_id, w.origin_code, w.destination_code, w.min_quantity
         FROM watchlists w JOIN organizations o ON o.id = w.organization_id AND o.type = 'trader'
        WHERE w.commodity_code = $1 AND NOT (w.organization_id = ANY($2))
        ORDER BY w.created_at, w.id`,
      [match.commodityCode, parties],
    );
    const byOrganization = new Map<string, WatchRow>();
    for (const w of watches) {
      const inScope =
        (!w.origin_code || regionCovers(w.origin_code, context.origin)) &&
        (!w.destination_code || regionCovers(w.destination_code, context.destination)) &&
        (w.min_quantity === null || match.quantity >= w.min_quantity);
      if (inScope && !byOrganization.has(w.organization_id))
        byOrganization.set(w.organization_id, w);
    }
    const recipients: Recipient[] = [...byOrganization.values()].map((w) => ({
      organizationId: w.organization_id,
      data: {
        watchlistId: w.id,
        commodityCode: match.commodityCode,
        grade: context.grade,
        quantity: match.quantity,
        quantityDelivered: match.quantityDelivered,
        originRegionCode: context.origin,
        destinationRegionCode: context.destination,
        transportMode: match.transportMode,
        arrivalDate: match.arrivalDate.toISOString(),
        landedCostPerUnit: match.landedCostPerUnit,
      },
    }));
    await this.writer.deliver(event.eventId, 'opportunity.matched', recipients);
  }

  private async onTradeEvent(event: RelayedEvent<'trade.updated'>): Promise<void> {
    const trade = await this.dataSource
      .getRepository(Trade)
      .findOne({ where: { id: event.aggregateId } });
    if (!trade) return;
    const parties = [...new Set([trade.supplierOrganizationId, trade.buyerOrganizationId])];
    const directory = await loadOrganizations(this.dataSource.manager, parties);
    await this.writer.deliver(
      event.eventId,
      event.type,
      parties.map((organizationId) => ({
        organizationId,
        data: {
          trade: TradeView.from(trade, organizationId, directory),
          status: event.data.status,
        },
      })),
    );
  }
}
