import { recordVerificationStatus } from '../accounts/organization-verification';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { COMMODITIES_OF_ORGANIZATION_SQL } from '../accounts/organization-events';
import { Organization } from '../accounts/organization.entity';
import { DomainError } from '../common/domain-error';
import { keysetPage, Page } from '../common/pagination';
import { DomainEvents } from '../events/domain-events';
import { NewDomainEvent, OutboxWriter } from '../outbox/outbox.writer';
import { AdminOrganizationQuery, AdminOrganizationView } from './admin.dto';
import { Actor, AuditLog } from './audit-log.service';

type Decision = 'verified' | 'rejected';

/**
 * The administrators' verification queue. A decision is one conditional UPDATE (PostgreSQL
 * settles two administrators deciding at once), its audit entry, the organization's
 * notification and the re-optimisation of the commodities it trades in, all in one transaction.
 */
@Injectable()
export class OrganizationReview {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(query: AdminOrganizationQuery): Promise<Page<AdminOrganizationView>> {
    const qb = this.dataSource.getRepository(Organization).createQueryBuilder('o');
    if (query.verificationStatus) {
      qb.andWhere('o.verification_status = :status', { status: query.verificationStatus });
    }
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    const page = await keysetPage(qb, 'o', query, (o) => o);
    const users = await this.usersOf(page.items.map((o) => o.id));
    return {
      items: page.items.map((o) => AdminOrganizationView.from(o, users.get(o.id) ?? [])),
      nextCursor: page.nextCursor,
    };
  }

  async decide(
    organizationId: string,
    decision: Decision,
    note: string | null,
    actor: Actor,
  ): Promise<AdminOrganizationView> {
    const organization = await this.dataSource.transaction(async (manager) => {
      const changed = await recordVerificationStatus(manager, organizationId, decision);
      if (!changed) throw await this.whyUnchanged(manager, organizationId, decision);
      await AuditLog.append(manager, actor, {
        action: decision === 'verified' ? 'organization.verified' : 'organization.rejected',
        targetType: 'organization',
        targetId: organizationId,
        targetLabel: changed.name,
        note,
      });
      await this.outbox.append(manager, await this.events(manager, organizationId, decision, note));
      return manager.getRepository(Organization).findOneByOrFail({ id: organizationId });
    });
    const users = await this.usersOf([organization.id]);
    return AdminOrganizationView.from(organization, users.get(organization.id) ?? []);
  }

  private async events(
    manager: EntityManager,
    organizationId: string,
    decision: Decision,
    note: string | null,
  ): Promise<NewDomainEvent[]> {
    const commodities = await manager.query<{ commodity_code: string }[]>(
      COMMODITIES_OF_ORGANIZATION_SQL,
      [organizationId],
    );
    return [
      decision === 'verified'
        ? DomainEvents.organizationVerified(organizationId, note)
        : DomainEvents.organizationRejected(organizationId, note),
      ...commodities.map((c) =>
        DomainEvents.organizationMatchingChanged(organizationId, c.commodity_code, 'verification'),
      ),
    ];
  }

  private async whyUnchanged(
    manager: EntityManager,
    organizationId: string,
    decision: Decision,
  ): Promise<DomainError> {
    const exists = await manager.query<unknown[]>(`SELECT 1 FROM organizations WHERE id = $1`, [
      organizationId,
    ]);
    if (exists.length === 0) return DomainError.notFound('Organization');
    return decision === 'verified'
      ? DomainError.conflict('ALREADY_VERIFIED', 'This organization is already verified')
      : DomainError.conflict('ALREADY_REJECTED', 'This organization is already rejected');
  }

  /** The accounts of each organization (administrators check who registered it). */
  private async usersOf(
    organizationIds: string[],
  ): Promise<Map<string, { id: string; email: string; name: string }[]>> {
    const byOrganization = new Map<string, { id: string; email: string; name: string }[]>();
    if (organizationIds.length === 0) return byOrganization;
    const rows = await this.dataSource.query<
      { id: string; email: string; name: string; organization_id: string }[]
    >(
      `SELECT id, email, name, organization_id FROM users
        WHERE organization_id = ANY($1) ORDER BY created_at, id`,
      [organizationIds],
    );
    for (const r of rows) {
      const list = byOrganization.get(r.organization_id) ?? [];
      list.push({ id: r.id, email: r.email, name: r.name });
      byOrganization.set(r.organization_id, list);
    }
    return byOrganization;
  }
}
