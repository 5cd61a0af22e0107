import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditLog } from '../../admin/audit-log.service';
import { DomainError } from '../../common/domain-error';
import { invalidCursor, Page } from '../../common/pagination';
import { DomainEvents } from '../../events/domain-events';
import { OutboxWriter } from '../../outbox/outbox.writer';
import { ReferenceService } from '../../reference/reference.service';
import type { RationingPolicy } from '../engine';
import { RationingPolicyView } from './rationing-policy.dto';
import { RationingPolicyStore } from './rationing-policy.store';

/** Administrators choose, per commodity, how a shortage is shared (see engine/rationing.ts). */
@Injectable()
export class RationingPolicies {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Every commodity with its effective policy, by code; the cursor is the last code seen. */
  async list(limit: number, cursor: string | undefined): Promise<Page<RationingPolicyView>> {
    const after = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
    if (cursor && !this.reference.commodity(after)) throw invalidCursor();
    const codes = this.reference
      .listCommodities()
      .map((c) => c.code)
      .filter((code) => code > after)
      .sort();
    const page = codes.slice(0, limit);
    const items = await new RationingPolicyStore(this.dataSource.manager).effective(page);
    return {
      items: items.map((p) => RationingPolicyView.from(p)),
      nextCursor:
        codes.length > limit ? Buffer.from(page[page.length - 1]).toString('base64url') : null,
    };
  }

  /**
   * Sets a commodity's policy with its audit entry and the event that re-optimises the commodity
   * under it, in one transaction (outbox): the next run shares the market the new way.
   */
  async set(
    commodityCode: string,
    policy: RationingPolicy,
    actor: Actor,
  ): Promise<RationingPolicyView> {
    if (!this.reference.commodity(commodityCode))
      throw DomainError.notFound(`Commodity ${commodityCode}`);
    return this.dataSource.transaction(async (manager) => {
      const store = new RationingPolicyStore(manager);
      const id = await store.set(commodityCode, policy, actor.userId);
      await AuditLog.append(manager, actor, {
        action: 'commodity.rationing_set',
        targetType: 'rationing_policy',
        targetId: id,
        targetLabel: commodityCode,
        note: policy,
      });
      await this.outbox.append(manager, [
        DomainEvents.rationingPolicyChanged(id, commodityCode, policy),
      ]);
      const [effective] = await store.effective([commodityCode]);
      return RationingPolicyView.from(effective);
    });
  }
}
