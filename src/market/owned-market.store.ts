import { DataSource, EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { keysetPage, Page } from '../common/pagination';
import { NewDomainEvent, OutboxWriter } from '../outbox/outbox.writer';
import { regionCoveredSql } from '../reference/region-coverage';

export interface MarketRow {
  id: string;
  organizationId: string;
  commodityCode: string;
  status: string;
  createdAt: Date;
}

export interface MarketListFilter {
  limit?: number;
  cursor?: string;
  commodityCode?: string;
  status?: string;
  regionCode?: string;
}

/**
 * What supply listings and demand requests share: rows owned by one organization, invisible to
 * others (404), listed newest first with keyset pagination, locked for change, and every change
 * recorded in the outbox in the same transaction.
 */
export class OwnedMarketStore<T extends MarketRow> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly entity: EntityTarget<T>,
    private readonly options: { label: string; aggregateType: string; regionColumn: string },
  ) {}

  async list<V>(
    organizationId: string,
    filter: MarketListFilter,
    view: (row: T) => V,
  ): Promise<Page<V>> {
    const qb = this.dataSource
      .getRepository(this.entity)
      .createQueryBuilder('m')
      .where('m.organization_id = :org', { org: organizationId });
    if (filter.commodityCode)
      qb.andWhere('m.commodity_code = :commodity', { commodity: filter.commodityCode });
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter.regionCode) {
      qb.andWhere(regionCoveredSql(`m.${this.options.regionColumn}`, ':region'), {
        region: filter.regionCode,
      });
    }
    return keysetPage(qb, 'm', filter, view);
  }

  async findOwned(organizationId: string, id: string): Promise<T> {
    const row = await this.dataSource
      .getRepository(this.entity)
      .findOne({ where: { id, organizationId } as FindOptionsWhere<T> });
    if (!row) throw DomainError.notFound(this.options.label);
    return row;
  }

  /**
   * The row lock serialises concurrent changes of one row (and trade confirmation). FOR NO KEY
   * UPDATE, not FOR UPDATE: a matching run inserting a proposal takes FOR KEY SHARE on the row
   * (foreign key) while holding the proposals it supersedes, and an edit waits for those
   * proposals after locking the row; a full FOR UPDATE would close that circle into a deadlock.
   */
  async lockOwned(manager: EntityManager, organizationId: string, id: string): Promise<T> {
    const row = await manager.getRepository(this.entity).findOne({
      where: { id, organizationId } as FindOptionsWhere<T>,
      lock: { mode: 'for_no_key_update' },
    });
    if (!row) throw DomainError.notFound(this.options.label);
    return row;
  }

  assertOpen(row: T): void {
    if (row.status !== 'open') {
      throw DomainError.conflict(
        'NOT_OPEN',
        `The ${this.options.label.toLowerCase()} is ${row.status}`,
      );
    }
  }

  async emit(manager: EntityManager, event: NewDomainEvent): Promise<void> {
    await this.outbox.append(manager, [event]);
  }
}
