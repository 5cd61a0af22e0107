import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { queryReturning } from '../../common/query-returning';
import { DomainEvents } from '../../events/domain-events';
import { OutboxWriter } from '../../outbox/outbox.writer';
import { COMMODITIES_OF_ORGANIZATION_SQL } from '../organization-events';
import type { PriceCeilingPolicy } from '../organization.entity';
import { MatchingPreferencesDto, MatchingPreferencesView } from './matching-preferences.dto';

/**
 * An organization's choices about whom it is matched with. A change re-optimises every
 * commodity the organization trades in (events in the same transaction); setting the value it
 * already has changes nothing and re-optimises nothing.
 */
@Injectable()
export class MatchingPreferences {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(organizationId: string): Promise<MatchingPreferencesView> {
    const [row] = await this.dataSource.query<
      { verified_counterparts_only: boolean; price_ceiling_policy: PriceCeilingPolicy }[]
    >(`SELECT verified_counterparts_only, price_ceiling_policy FROM organizations WHERE id = $1`, [
      organizationId,
    ]);
    if (!row) throw DomainError.notFound('Organization');
    return {
      verifiedCounterpartsOnly: row.verified_counterparts_only,
      priceCeilingPolicy: row.price_ceiling_policy,
    };
  }

  async set(organizationId: string, dto: MatchingPreferencesDto): Promise<MatchingPreferencesView> {
    await this.dataSource.transaction(async (manager) => {
      const trust = await queryReturning<{ id: string }>(
        manager,
        `UPDATE organizations SET verified_counterparts_only = $2
          WHERE id = $1 AND verified_counterparts_only <> $2 RETURNING id`,
        [organizationId, dto.verifiedCounterpartsOnly],
      );
      // The reference-ceiling policy (#12) changes which pairs may match, like trust does.
      const policy =
        dto.priceCeilingPolicy === undefined
          ? []
          : await queryReturning<{ id: string }>(
              manager,
              `UPDATE organizations SET price_ceiling_policy = $2
                WHERE id = $1 AND price_ceiling_policy <> $2 RETURNING id`,
              [organizationId, dto.priceCeilingPolicy],
            );
      if (trust.length === 0 && policy.length === 0) return;
      const reason = trust.length > 0 ? 'verified_counterparts_only' : 'price_ceiling_policy';
      const commodities = await manager.query<{ commodity_code: string }[]>(
        COMMODITIES_OF_ORGANIZATION_SQL,
        [organizationId],
      );
      await this.outbox.append(
        manager,
        commodities.map((c) =>
          DomainEvents.organizationMatchingChanged(organizationId, c.commodity_code, reason),
        ),
      );
    });
    return this.get(organizationId);
  }
}
