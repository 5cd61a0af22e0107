import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadOrganizations } from '../accounts/organization-directory';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import { keysetPage, Page } from '../common/pagination';
import { OutboxWriter } from '../outbox/outbox.writer';
import { TRADE_EVENTS } from './deal-events';
import { Trade, TradeStatus } from './trade.entity';
import { TradeQuery, TradeView, UpdateTradeDto } from './trade.dto';

type Role = 'supplier' | 'buyer';

/** Who may move a trade from one status to the next. */
const TRANSITIONS: Record<TradeStatus, Partial<Record<TradeStatus, Role[]>>> = {
  confirmed: { shipped: ['supplier'], cancelled: ['supplier', 'buyer'] },
  shipped: { delivered: ['buyer'], cancelled: ['supplier', 'buyer'] },
  delivered: { completed: ['buyer', 'supplier'] },
  completed: {},
  cancelled: {},
};

@Injectable()
export class TradesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
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
    if (dto.status === 'cancelled' && !dto.reason) {
      throw DomainError.validation([
        { field: 'reason', message: 'a reason is required to cancel a trade' },
      ]);
    }
    const trade = await this.dataSource.transaction(async (manager) => {
      const trade = await this.visible(manager, principal)
        .andWhere('t.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!trade) throw DomainError.notFound('Trade');
      const roles: Role[] = [];
      if (trade.supplierOrganizationId === principal.organizationId) roles.push('supplier');
      if (trade.buyerOrganizationId === principal.organizationId) roles.push('buyer');
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
      trade.status = dto.status;
      if (dto.status === 'cancelled') {
        trade.cancelReason = dto.reason ?? null;
        await this.returnToMarket(manager, trade);
      }
      await manager.save(trade);
      await this.outbox.append(manager, [
        {
          type: TRADE_EVENTS.updated,
          aggregateType: 'trade',
          aggregateId: trade.id,
          payload: {
            tradeId: trade.id,
            status: trade.status,
            commodityCode: trade.commodityCode,
            supplierOrganizationId: trade.supplierOrganizationId,
            buyerOrganizationId: trade.buyerOrganizationId,
          },
        },
      ]);
      return trade;
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

  /** A cancelled trade gives its quantity back to the listing and the request it came from. */
  private async returnToMarket(manager: EntityManager, trade: Trade): Promise<void> {
    await manager.query(
      `UPDATE supply_listings
          SET remaining_quantity = remaining_quantity + $2,
              status = CASE WHEN status = 'exhausted' THEN 'open' ELSE status END, updated_at = now()
        WHERE id = $1`,
      [trade.supplyListingId, trade.quantity],
    );
    await manager.query(
      `UPDATE demand_requests
          SET remaining_quantity = remaining_quantity + $2,
              status = CASE WHEN status = 'fulfilled' THEN 'open' ELSE status END, updated_at = now()
        WHERE id = $1`,
      [trade.demandRequestId, trade.quantityDelivered],
    );
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
