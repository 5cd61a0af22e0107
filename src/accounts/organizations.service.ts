import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { OrganizationContactDto, OrganizationView } from './auth/auth.dto';
import { contactColumns } from './auth/auth.service';
import { Organization } from './organization.entity';
import type { Principal } from './principal';
import { User } from './user.entity';

@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * There are no roles yet: the owner is the user who registered the organization (its first
   * user). Colleagues who join later may read the contact but not change it.
   */
  async updateContact(
    principal: Principal,
    dto: OrganizationContactDto,
  ): Promise<OrganizationView> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager
        .getRepository(Organization)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id: principal.organizationId })
        .getOne();
      if (!organization) throw DomainError.notFound('Organization');
      const owner = await manager
        .getRepository(User)
        .createQueryBuilder('u')
        .where('u.organization_id = :id', { id: principal.organizationId })
        .orderBy('u.created_at', 'ASC')
        .addOrderBy('u.id', 'ASC')
        .getOne();
      if (owner?.id !== principal.userId) {
        throw DomainError.forbidden("Only the organization's owner may change its contact");
      }
      Object.assign(organization, contactColumns(dto));
      await manager.save(organization);
      return OrganizationView.from(organization);
    });
  }
}
