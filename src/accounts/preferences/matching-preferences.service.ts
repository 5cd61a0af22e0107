import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { queryReturning } from '../../common/query-returning';
import { DomainEvents } from '../../events/domain-events';
import { OutboxWriter } from '../../outbox/outbox.writer';
import { COMMODITIES_OF_ORGANIZATION_SQL } from '../organization-events';
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
    const [row] = await this.dataSource.query<{ verified_counterparts_only: boolean }[]>(
      `SELECT verified_counterparts_only FROM organizations WHERE id = $1`,
      [organizationId],
    );
    if (!row) throw DomainError.notFound('Organization');
    return { verifiedCounterpartsOnly: row.verified_counterparts_only };
  }

  async set(organizationId: string, dto: MatchingPreferencesDto): Promise<MatchingPreferencesView> {
    await this.dataSource.transaction(async (manager) => {
      const changed = await queryReturning<{ id: string }>(
        manager,
        `UPDATE organizations SET verified_counterparts_only = $2
          WHERE id = $1 AND verified_counterparts_only <> $2 RETURNING id`,
        [organizationId, dto.verifiedCounterpartsOnly],
      );
      if (changed.length === 0) return;
      const commodities = await manager.query<{ commodity_code: string }[]>(
        COMMODITIES_OF_ORGANIZATION_SQL,
        [organizationId],
      );
      await this.outbox.append(
        manager,
        commodities.map((c) =>
          DomainEvents.organizationMatchingChanged(
            organizationId,
            c.commodity_code,
            'verified_counterparts_only',
          ),
        ),
      );
    });
    return this.get(organizationId);
  }
}
