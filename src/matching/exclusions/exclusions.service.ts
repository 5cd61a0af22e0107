import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../accounts/principal';
import { DomainError } from '../../common/domain-error';
import { keysetPage, Page } from '../../common/pagination';
import { queryReturning } from '../../common/query-returning';
import { OutboxWriter } from '../../outbox/outbox.writer';
import { DomainEvents } from '../../events/domain-events';
import { reoptimizeCommoditiesOf } from './partner-exclusion';
import { MatchExclusion } from './exclusion.entity';
import { ExclusionQuery, ExclusionView } from './exclusion.dto';

/** An organization's own exclusions: listed, and lifted (which re-optimises the commodity). */
@Injectable()
export class ExclusionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  list(principal: Principal, query: ExclusionQuery): Promise<Page<ExclusionView>> {
    const qb = this.dataSource
      .getRepository(MatchExclusion)
      .createQueryBuilder('e')
      .where('e.organization_id = :org AND e.lifted_at IS NULL', { org: principal.organizationId });
    return keysetPage(qb, 'e', query, (e) => ExclusionView.from(e));
  }

  async lift(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Conditional: a second lift, or another organization's attempt, changes nothing (404).
      const [lifted] = await queryReturning<{
        id: string;
        commodity_code: string;
        kind: string;
        counterpart_organization_id: string;
      }>(
        manager,
        `UPDATE match_exclusions SET lifted_at = now()
          WHERE id = $1 AND organization_id = $2 AND lifted_at IS NULL
          RETURNING id, commodity_code, kind, counterpart_organization_id`,
        [id, principal.organizationId],
      );
      if (!lifted) throw DomainError.notFound('Exclusion');
      await this.outbox.append(manager, [
        DomainEvents.exclusionLifted(lifted.id, lifted.commodity_code),
      ]);
      // A partner may trade with the organization again in every commodity, not only this one.
      if (lifted.kind === 'partner') {
        await reoptimizeCommoditiesOf(manager, this.outbox, [
          principal.organizationId,
          lifted.counterpart_organization_id,
        ]);
      }
    });
  }
}
