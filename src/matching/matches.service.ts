import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { loadOrganizations } from '../accounts/organization-directory';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import { keysetPage, Page } from '../common/pagination';
import { Match } from './match.entity';
import { MatchQuery, MatchView } from './match.dto';

/** Reads of proposals: a match is visible to the supplier and the buyer, and to no one else. */
@Injectable()
export class MatchesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: MatchQuery): Promise<Page<MatchView>> {
    const qb = this.dataSource
      .getRepository(Match)
      .createQueryBuilder('m')
      .where('(m.supplier_organization_id = :org OR m.buyer_organization_id = :org)', {
        org: principal.organizationId,
      });
    if (query.supplyListingId)
      qb.andWhere('m.supply_listing_id = :listing', { listing: query.supplyListingId });
    if (query.demandRequestId)
      qb.andWhere('m.demand_request_id = :request', { request: query.demandRequestId });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.commodityCode)
      qb.andWhere('m.commodity_code = :commodity', { commodity: query.commodityCode });
    const page = await keysetPage(qb, 'm', query, (m) => m);
    const parties = await loadOrganizations(
      this.dataSource.manager,
      page.items.flatMap((m) => [m.supplierOrganizationId, m.buyerOrganizationId]),
    );
    return {
      items: page.items.map((m) => MatchView.from(m, principal.organizationId, parties)),
      nextCursor: page.nextCursor,
    };
  }

  async get(principal: Principal, id: string): Promise<MatchView> {
    const match = await this.dataSource
      .getRepository(Match)
      .createQueryBuilder('m')
      .where('m.id = :id', { id })
      .andWhere('(m.supplier_organization_id = :org OR m.buyer_organization_id = :org)', {
        org: principal.organizationId,
      })
      .getOne();
    if (!match) throw DomainError.notFound('Match');
    const parties = await loadOrganizations(this.dataSource.manager, [
      match.supplierOrganizationId,
      match.buyerOrganizationId,
    ]);
    return MatchView.from(match, principal.organizationId, parties);
  }
}
