import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadOrganizations } from '../accounts/organization-directory';
import type { Principal } from '../accounts/principal';
import { DomainError, FieldProblem } from '../common/domain-error';
import { keysetPage, Page } from '../common/pagination';
import { MarketLedger } from '../market/market.ledger';
import { ExclusionsStore } from '../matching/exclusions/exclusions.store';
import { MatchRepository } from '../matching/match.repository';
import { OutboxWriter } from '../outbox/outbox.writer';
import { ReferenceService } from '../reference/reference.service';
import { DomainEvents } from '../events/domain-events';
import { claimFor } from './trade-settlement';
import { Trade, TradeStatus } from './trade.entity';
import { DisputeClaimDto, TradeQuery, TradeView, UpdateTradeDto } from './trade.dto';

type Role = 'supplier' | 'buyer';

/**
 * Who may move a trade from one status to the next. Goods that have left cannot be called back:
 * after `shipped` a trade ends `delivered` (recorded by the buyer) or `failed` (lost in transit),
 * never `cancelled`, and its quantity never returns to the market.
 */
const TRANSITIONS: Record<TradeStatus, Partial<Record<TradeStatus, Role[]>>> = {
  confirmed: { shipped: ['supplier'], cancelled: ['supplier', 'buyer'] },
  shipped: { delivered: ['buyer'], failed: ['supplier', 'buyer'] },
  delivered: { completed: ['buyer', 'supplier'] },
  completed: {},
  cancelled: {},
  failed: {},
};

@Injectable()
export class TradesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly reference: ReferenceService,
    private readonly ledger: MarketLedger,
  ) {}

  async list(principal: Principal, query: TradeQuery): Promise<Page<TradeView>> {
    const qb = this.visible(this.dataSource.manager, principal);
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.commodityCode)
      qb.andWhere('t.commodity_code = :commodity', { commodity: query.commodityCode });
    const page = await keysetPage(qb, 't', query, (t) => t);
    const parties = await loadOrganizations(
      this.dataSource.manager,
      page.items.flatMap((t) => [t.supplierOrganizationId, t.buyerOrganizationId]),
    );
    return {
      items: page.items.map((t) => TradeView.from(t, principal.organizationId, parties)),
      nextCursor: page.nextCursor,
    };
  }

  async get(principal: Principal, id: string): Promise<TradeView> {
    const trade = await this.visible(this.dataSource.manager, principal)
      .andWhere('t.id = :id', { id })
      .getOne();
    if (!trade) throw DomainError.notFound('Trade');
    return this.view(trade, principal);
  }

  async update(principal: Principal, id: string, dto: UpdateTradeDto): Promise<TradeView> {
    this.assertComplete(dto);
    const trade = await this.dataSource.transaction(async (manager) => {
      const trade = await this.lockVisible(manager, principal, id);
      const roles = this.rolesOf(principal, trade);
      const allowed = TRANSITIONS[trade.status][dto.status];
      if (!allowed) {
        throw DomainError.conflict(
          'ILLEGAL_TRANSITION',
          `A ${trade.status} trade cannot become ${dto.status}`,
        );
      }
      if (!allowed.some((role) => roles.includes(role))) {
        throw DomainError.forbidden(
          `Only the ${allowed.join(' or ')} may mark this trade ${dto.status}`,
        );
      }
      if (dto.status === 'completed' && trade.claimStatus === 'open') {
        throw DomainError.conflict(
          'CLAIM_OPEN',
          'The supplier must accept or dispute the delivery claim before the trade is completed',
        );
      }
      trade.status = dto.status;
      if (dto.status === 'delivered') this.recordDelivery(trade, dto);
      if (dto.status === 'cancelled') {
        trade.cancelReason = dto.reason ?? null;
        // A cancelled trade gives its quantity back to the listing and the request it came from.
        await this.ledger.giveBack(manager, {
          supplyListingId: trade.supplyListingId,
          shipped: trade.quantity,
          demandRequestId: trade.demandRequestId,
          delivered: trade.quantityDelivered,
        });
      }
      if (dto.status === 'failed') trade.failureReason = dto.reason ?? null;
      if (dto.status === 'cancelled' || dto.status === 'failed') {
        await this.excludePair(manager, principal, trade, dto.reason ?? '');
      }
      return this.save(manager, trade);
    });
    return this.view(trade, principal);
  }

  private async view(trade: Trade, principal: Principal): Promise<TradeView> {
    const parties = await loadOrganizations(this.dataSource.manager, [
      trade.supplierOrganizationId,
      trade.buyerOrganizationId,
    ]);
    return TradeView.from(trade, principal.organizationId, parties);
  }

  /** The supplier's answer to a delivery claim: accepting recomputes the amount due. */
  async answerClaim(
    principal: Principal,
    id: string,
    answer: 'accepted' | 'disputed',
    dto: DisputeClaimDto = {},
  ): Promise<TradeView> {
    const trade = await this.dataSource.transaction(async (manager) => {
      const trade = await this.lockVisible(manager, principal, id);
      if (!this.rolesOf(principal, trade).includes('supplier')) {
        throw DomainError.forbidden('Only the supplier answers a delivery claim');
      }
      if (trade.claimStatus !== 'open') {
        throw DomainError.conflict(
          'NO_OPEN_CLAIM',
          trade.claimStatus
            ? `The claim is already ${trade.claimStatus}`
            : 'The trade has no claim',
        );
      }
      trade.claimStatus = answer;
      trade.claimResponse = dto.note ?? null;
      return this.save(manager, trade);
    });
    return this.view(trade, principal);
  }

  /** Fields a transition needs beyond its status: 400 naming them, before anything changes. */
  private assertComplete(dto: UpdateTradeDto): void {
    const problems: FieldProblem[] = [];
    if ((dto.status === 'cancelled' || dto.status === 'failed') && !dto.reason) {
      problems.push({
        field: 'reason',
        message: `a reason is required to mark a trade ${dto.status}`,
      });
    }
    if (dto.status === 'delivered' && dto.receivedQuantity === undefined) {
      problems.push({
        field: 'receivedQuantity',
        message: 'receivedQuantity is required to record a delivery',
      });
    }
    if (problems.length > 0) throw DomainError.validation(problems);
  }

  private recordDelivery(trade: Trade, dto: UpdateTradeDto): void {
    const grade = dto.gradeOnArrival ?? null;
    const commodity = this.reference.commodity(trade.commodityCode);
    const problems: FieldProblem[] = [];
    const gradeProblem = this.reference.gradeProblem(trade.commodityCode, grade);
    if (gradeProblem) problems.push({ field: 'gradeOnArrival', message: gradeProblem });
    if (grade === null && commodity && commodity.grades.length > 0) {
      problems.push({
        field: 'gradeOnArrival',
        message: `gradeOnArrival is required: one of ${commodity.grades.join(', ')}`,
      });
    }
    const received = dto.receivedQuantity ?? 0;
    if (received > trade.quantity) {
      problems.push({
        field: 'receivedQuantity',
        message: `receivedQuantity cannot exceed the ${trade.quantity} shipped`,
      });
    }
    if (problems.length > 0) throw DomainError.validation(problems);
    trade.receivedQuantity = received;
    trade.gradeOnArrival = grade;
    const claim = claimFor(trade, received, grade, (g) =>
      this.reference.gradeRank(trade.commodityCode, g),
    );
    trade.claimStatus = claim ? 'open' : null;
    trade.claimShortQuantity = claim?.shortQuantity ?? null;
    trade.claimBelowGrade = claim?.belowGrade ?? null;
  }

  /**
   * A cancelled or failed trade's pair counts as declined by the party who ended it, so the
   * engine does not propose the same deal again at once.
   */
  private async excludePair(
    manager: EntityManager,
    principal: Principal,
    trade: Trade,
    reason: string,
  ): Promise<void> {
    const bySupplier = trade.supplierOrganizationId === principal.organizationId;
    await new ExclusionsStore(manager).record({
      organizationId: principal.organizationId,
      counterpartOrganizationId: bySupplier
        ? trade.buyerOrganizationId
        : trade.supplierOrganizationId,
      reason: 'other',
      note: `trade ${trade.id} ${trade.status}: ${reason}`,
      commodityCode: trade.commodityCode,
      supplyListingId: trade.supplyListingId,
      demandRequestId: trade.demandRequestId,
      matchId: trade.matchId,
      tradeId: trade.id,
    });
  }

  /** Saves the trade, keeps its match's tradeStatus in step and tells both parties. */
  private async save(manager: EntityManager, trade: Trade): Promise<Trade> {
    const saved = await manager.save(trade);
    await new MatchRepository(manager).setTradeStatus(trade.matchId, trade.status);
    await this.outbox.append(manager, [DomainEvents.tradeUpdated(trade)]);
    return saved;
  }

  private async lockVisible(manager: EntityManager, principal: Principal, id: string) {
    const trade = await this.visible(manager, principal)
      .andWhere('t.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!trade) throw DomainError.notFound('Trade');
    return trade;
  }

  private rolesOf(principal: Principal, trade: Trade): Role[] {
    const roles: Role[] = [];
    if (trade.supplierOrganizationId === principal.organizationId) roles.push('supplier');
    if (trade.buyerOrganizationId === principal.organizationId) roles.push('buyer');
    return roles;
  }

  private visible(manager: EntityManager, principal: Principal) {
    return manager
      .getRepository(Trade)
      .createQueryBuilder('t')
      .where('(t.supplier_organization_id = :org OR t.buyer_organization_id = :org)', {
        org: principal.organizationId,
      });
  }
}
