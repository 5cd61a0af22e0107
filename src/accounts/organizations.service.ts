import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { OrganizationContactDto, OrganizationView } from './auth/auth.dto';
import { contactColumns } from './auth/auth.service';
import { Organization } from './organization.entity';
import type { Principal } from './principal';
import { assertOwner } from './members/members.service';

@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Only owners change the contact that counterparts of every confirmed trade call; members may
   * read it.
   */
  async updateContact(
    principal: Principal,
    dto: OrganizationContactDto,
  ): Promise<OrganizationView> {
    assertOwner(principal);
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager
        .getRepository(Organization)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id: principal.organizationId })
        .getOne();
      if (!organization) throw DomainError.notFound('Organization');
      Object.assign(organization, contactColumns(dto));
      await manager.save(organization);
      return OrganizationView.from(organization);
    });
  }
}
