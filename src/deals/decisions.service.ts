import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadOrganizations } from '../accounts/organization-directory';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import { queryReturning } from '../database/query-returning';
import { Match } from '../matching/match.entity';
import { MatchView } from '../matching/match.dto';
import type { DeclineMatchDto } from '../matching/exclusions/exclusion.dto';
import { ExclusionsStore } from '../matching/exclusions/exclusions.store';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';
import { Trade } from './trade.entity';
import { brokenTerms } from './terms-check';
import { excludePartnerEverywhere } from '../matching/exclusions/partner-exclusion';
import { tradeTerms, type ListingTermsSnapshot, type RequestTermsSnapshot } from './trade-terms';

const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The listing's terms as the trade snapshot keeps them (camelCase, ISO 8601 UTC). */
const LISTING_TERMS = `id, grade, price_per_unit AS "pricePerUnit", quantity,
  min_order_quantity AS "minOrderQuantity", origin_region_code AS "originRegionCode",
  ${iso('available_from')} AS "availableFrom", ${iso('available_until')} AS "availableUntil",
  ${iso('harvested_at')} AS "harvestedAt"`;

const REQUEST_TERMS = `id, min_grade AS "minGrade", quantity, max_price_per_unit AS "maxPricePerUnit",
  destination_region_code AS "destinationRegionCode", ${iso('deliver_from')} AS "deliverFrom",
  ${iso('deliver_by')} AS "deliverBy",
  min_shelf_life_days_on_arrival AS "minShelfLifeDaysOnArrival"`;

/**
 * A party's answer to a proposal. One acceptance holds the proposal (re-optimisation keeps its
 * quantity out of play); the second confirms it, in one transaction that takes the quantity from
 * both the listing and the request with conditional UPDATEs: if either has less left than the
 * match needs, nothing changes and the caller gets 409, whatever runs concurrently.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async accept(principal: Principal, matchId: string): Promise<MatchView> {
    const match = await this.dataSource.transaction(async (manager) => {
      const match = await this.lockVisible(manager, principal, matchId);
      const side = this.sideOf(principal, match);
      if (match[side] === 'accepted') return match; // a repeated accept changes nothing
      this.assertProposed(match);
      match[side] = 'accepted';
      const other = side === 'supplierDecision' ? match.buyerDecision : match.supplierDecision;
      if (other === 'accepted') {
        await this.confirm(manager, match);
      } else {
        await manager.save(match);
        await this.outbox.append(manager, [DomainEvents.matchAccepted(match)]);
      }
      return match;
    });
    return this.view(match, principal);
  }

  /**
   * A decline sticks: the pair (or, for `partner`, the counterpart organization) is remembered
   * for the decliner in the same transaction, and the engine will not propose it again until a
   * term relevant to the reason changes or the decliner lifts the exclusion.
   */
  async decline(principal: Principal, matchId: string, dto: DeclineMatchDto): Promise<MatchView> {
    const match = await this.dataSource.transaction(async (manager) => {
      const match = await this.lockVisible(manager, principal, matchId);
      const side = this.sideOf(principal, match);
      if (match[side] === 'declined') return match;
      this.assertProposed(match);
      match[side] = 'declined';
      match.status = 'declined';
      await manager.save(match);
      await new ExclusionsStore(manager).record({
        organizationId: principal.organizationId,
        counterpartOrganizationId:
          side === 'supplierDecision' ? match.buyerOrganizationId : match.supplierOrganizationId,
        reason: dto.reason,
        note: dto.note,
        commodityCode: match.commodityCode,
        supplyListingId: match.supplyListingId,
        demandRequestId: match.demandRequestId,
        matchId: match.id,
      });
      await this.outbox.append(manager, [DomainEvents.matchDeclined(match, dto.reason)]);
      if (dto.reason === 'partner') {
        await excludePartnerEverywhere(
          manager,
          this.outbox,
          principal.organizationId,
          side === 'supplierDecision' ? match.buyerOrganizationId : match.supplierOrganizationId,
        );
      }
      return match;
    });
    return this.view(match, principal);
  }

  private async confirm(manager: EntityManager, match: Match): Promise<void> {
    // The listing gives the units shipped, the request receives the units expected to arrive.
    // RETURNING reads the terms of the very rows the decrement locked: the snapshot below is
    // what the trade was confirmed on, whatever edit comes next.
    const listing = await queryReturning<ListingTermsSnapshot>(
      manager,
      `UPDATE supply_listings
          SET remaining_quantity = remaining_quantity - $2,
              status = CASE WHEN remaining_quantity - $2 = 0 THEN 'exhausted' ELSE status END,
              updated_at = now()
        WHERE id = $1 AND status = 'open' AND remaining_quantity >= $2
        RETURNING ${LISTING_TERMS}`,
      [match.supplyListingId, match.quantity],
    );
    const request = await queryReturning<RequestTermsSnapshot>(
      manager,
      `UPDATE demand_requests
          SET remaining_quantity = remaining_quantity - $2,
              status = CASE WHEN remaining_quantity - $2 = 0 THEN 'fulfilled' ELSE status END,
              updated_at = now()
        WHERE id = $1 AND status = 'open' AND remaining_quantity >= $2
        RETURNING ${REQUEST_TERMS}`,
      [match.demandRequestId, match.quantityDelivered],
    );
    if (listing.length === 0 || request.length === 0) {
      // Throwing rolls back the decrement that did succeed and the acceptance itself.
      throw DomainError.conflict(
        'INSUFFICIENT_QUANTITY',
        listing.length === 0
          ? `The listing no longer has ${match.quantity} available`
          : `The request no longer needs ${match.quantityDelivered}`,
      );
    }
    const [commodity] = await manager.query<{ grades: string[] }[]>(
      `SELECT grades FROM commodities WHERE code = $1`,
      [match.commodityCode],
    );
    const broken = brokenTerms(match, listing[0], request[0], commodity?.grades ?? []);
    if (broken.length > 0) {
      throw DomainError.conflict(
        'TERMS_CHANGED',
        `The listing or request changed since this proposal was made (${broken.join(', ')}); wait for the new proposal`,
      );
    }
    const trade = await manager.save(
      manager.create(Trade, {
        matchId: match.id,
        supplyListingId: match.supplyListingId,
        demandRequestId: match.demandRequestId,
        supplierOrganizationId: match.supplierOrganizationId,
        buyerOrganizationId: match.buyerOrganizationId,
        commodityCode: match.commodityCode,
        quantity: match.quantity,
        quantityDelivered: match.quantityDelivered,
        terms: tradeTerms(match, listing[0], request[0], new Date()),
        pricePerUnit: match.pricePerUnit,
        transportMode: match.transportMode,
        transportCostPerUnit: match.transportCostPerUnit,
        landedCostPerUnit: match.landedCostPerUnit,
        departureDate: match.departureDate,
        arrivalDate: match.arrivalDate,
        grade: listing[0].grade,
        status: 'confirmed',
      }),
    );
    match.status = 'confirmed';
    match.tradeId = trade.id;
    match.tradeStatus = trade.status;
    await manager.save(match);
    await this.outbox.append(manager, [
      DomainEvents.matchConfirmed(match, trade.id),
      DomainEvents.tradeUpdated(trade),
    ]);
  }

  private async view(match: Match, principal: Principal): Promise<MatchView> {
    const parties = await loadOrganizations(this.dataSource.manager, [
      match.supplierOrganizationId,
      match.buyerOrganizationId,
    ]);
    return MatchView.from(match, principal.organizationId, parties);
  }

  /**
   * Locks the listing and the request before the match: a market edit locks its row and then
   * the proposals resting on it (to supersede them), so taking the locks in the same order here
   * means an acceptance and an edit wait for each other instead of deadlocking. FOR NO KEY
   * UPDATE, as the edit does, leaves a matching run free to insert proposals (FOR KEY SHARE)
   * while it holds proposals this acceptance waits for.
   */
  private async lockVisible(
    manager: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<Match> {
    const [pair] = await manager.query<{ supply_listing_id: string; demand_request_id: string }[]>(
      `SELECT supply_listing_id, demand_request_id FROM matches
        WHERE id = $1 AND (supplier_organization_id = $2 OR buyer_organization_id = $2)`,
      [id, principal.organizationId],
    );
    if (!pair) throw DomainError.notFound('Match');
    await manager.query(`SELECT 1 FROM supply_listings WHERE id = $1 FOR NO KEY UPDATE`, [
      pair.supply_listing_id,
    ]);
    await manager.query(`SELECT 1 FROM demand_requests WHERE id = $1 FOR NO KEY UPDATE`, [
      pair.demand_request_id,
    ]);
    const match = await manager
      .getRepository(Match)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .andWhere('(m.supplier_organization_id = :org OR m.buyer_organization_id = :org)', {
        org: principal.organizationId,
      })
      .getOne();
    if (!match) throw DomainError.notFound('Match');
    return match;
  }

  private sideOf(principal: Principal, match: Match): 'supplierDecision' | 'buyerDecision' {
    // A trader on both sides of one match answers for the side it has not answered yet.
    if (
      match.supplierOrganizationId === principal.organizationId &&
      match.buyerOrganizationId === principal.organizationId
    ) {
      return match.supplierDecision === 'pending' ? 'supplierDecision' : 'buyerDecision';
    }
    return match.supplierOrganizationId === principal.organizationId
      ? 'supplierDecision'
      : 'buyerDecision';
  }

  private assertProposed(match: Match): void {
    if (match.status !== 'proposed') {
      throw DomainError.conflict(
        'NOT_PROPOSED',
        `The match is ${match.status} and can no longer be answered`,
      );
    }
  }
}
