import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { OrganizationContactDto, OrganizationView } from './auth/auth.dto';
import { contactColumns } from './auth/auth.service';
import { Organization } from './organization.entity';
import type { Principal } from './principal';
import { assertOwner } from './members/members.service';
import { GovernmentView } from './governments.dto';
import { ReferenceService } from '../reference/reference.service';
import { codesCovering } from '../reference/region-coverage';

/** More than any region has; the list is for picking one, not for paging through. */
const GOVERNMENTS_LIMIT = 50;

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * Verified governments that can be the counterpart for `regionCode`: its own and its
   * province's (a province government covers its regions, the same rule as the agreement's).
   */
  async governments(regionCode: string): Promise<GovernmentView[]> {
    if (!this.reference.region(regionCode)) {
      throw DomainError.validation([
        { field: 'regionCode', message: `unknown region ${regionCode}` },
      ]);
    }
    const found = await this.dataSource.getRepository(Organization).find({
      where: {
        type: 'government',
        verificationStatus: 'verified',
        regionCode: In(codesCovering(regionCode)),
      },
      order: { name: 'ASC', id: 'ASC' },
      take: GOVERNMENTS_LIMIT,
    });
    return found.map((o) => GovernmentView.from(o));
  }

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
