import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadOrganizations } from '../accounts/organization-directory';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import { MarketLedger } from '../market/market.ledger';
import { Match } from '../matching/match.entity';
import { MatchRepository } from '../matching/match.repository';
import { MatchView } from '../matching/match.dto';
import type { DeclineMatchDto } from '../matching/exclusions/exclusion.dto';
import { ExclusionsStore } from '../matching/exclusions/exclusions.store';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';
import { Trade } from './trade.entity';
import { brokenTerms } from './terms-check';
import { excludePartnerEverywhere } from '../matching/exclusions/partner-exclusion';
import { tradeTerms } from './trade-terms';

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
    private readonly ledger: MarketLedger,
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
        await new MatchRepository(manager).save(match);
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
      await new MatchRepository(manager).save(match);
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
    const { listing, request } = await this.ledger.take(manager, {
      supplyListingId: match.supplyListingId,
      shipped: match.quantity,
      demandRequestId: match.demandRequestId,
      delivered: match.quantityDelivered,
    });
    if (!listing || !request) {
      // Throwing rolls back the decrement that did succeed and the acceptance itself.
      throw DomainError.conflict(
        'INSUFFICIENT_QUANTITY',
        !listing
          ? `The listing no longer has ${match.quantity} available`
          : `The request no longer needs ${match.quantityDelivered}`,
      );
    }
    const [commodity] = await manager.query<{ grades: string[] }[]>(
      `SELECT grades FROM commodities WHERE code = $1`,
      [match.commodityCode],
    );
    const broken = brokenTerms(match, listing, request, commodity?.grades ?? []);
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
        terms: tradeTerms(match, listing, request, new Date()),
        pricePerUnit: match.pricePerUnit,
        transportMode: match.transportMode,
        transportCostPerUnit: match.transportCostPerUnit,
        landedCostPerUnit: match.landedCostPerUnit,
        departureDate: match.departureDate,
        arrivalDate: match.arrivalDate,
        grade: listing.grade,
        status: 'confirmed',
      }),
    );
    match.status = 'confirmed';
    match.tradeId = trade.id;
    match.tradeStatus = trade.status;
    await new MatchRepository(manager).save(match);
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

  private async lockVisible(
    manager: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<Match> {
    const match = await new MatchRepository(manager).lockVisible(principal.organizationId, id);
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
