import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import { keysetPage, Page } from '../common/pagination';
import { Problems } from '../market/market.validators';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';
import { ReferenceService } from '../reference/reference.service';
import { Agreement } from './agreement.entity';
import { AgreementQuery, AgreementView, CreateAgreementDto } from './agreement.dto';

/** A region code covers itself and, when it is a province, every region inside it. */
export const covers = (code: string, region: string): boolean =>
  region === code || region.startsWith(`${code}.`);

@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(principal: Principal, dto: CreateAgreementDto): Promise<AgreementView> {
    const problems = new Problems();
    dto.regionCodes.forEach((code, i) =>
      problems.check(!!this.reference.region(code), `regionCodes.${i}`, `unknown region ${code}`),
    );
    dto.commodityCodes.forEach((code, i) =>
      problems.check(
        !!this.reference.commodity(code),
        `commodityCodes.${i}`,
        `unknown commodity ${code}`,
      ),
    );
    const [a, b] = dto.regionCodes;
    problems.check(
      !(covers(a, b) || covers(b, a)),
      'regionCodes',
      'the two regions must not contain each other',
    );
    const validFrom = new Date(dto.validFrom);
    const validUntil = new Date(dto.validUntil);
    problems.check(
      validFrom <= validUntil,
      'validUntil',
      'validUntil must not be before validFrom',
    );
    problems.throwIfAny();
    // A government records agreements of its own region (a province government, of its regions).
    if (!dto.regionCodes.some((code) => covers(principal.regionCode, code))) {
      throw DomainError.forbidden(
        'A government may only record agreements that involve its own region',
      );
    }

    const saved = await this.dataSource.transaction(async (manager) => {
      // FOR SHARE: an administrator's concurrent rejection waits for this agreement, or this
      // agreement sees the rejection; it is never recorded by an organization just rejected.
      const [organization] = await manager.query<{ verification_status: string }[]>(
        `SELECT verification_status FROM organizations WHERE id = $1 FOR SHARE`,
        [principal.organizationId],
      );
      if (organization?.verification_status !== 'verified') {
        throw new DomainError(
          403,
          'ORGANIZATION_NOT_VERIFIED',
          'Only verified government organizations may record agreements; ask a platform administrator to verify yours',
        );
      }
      const agreement = await manager.save(
        manager.create(Agreement, {
          organizationId: principal.organizationId,
          title: dto.title?.trim() || `Agreement ${a} - ${b}`,
          regionCodes: [...dto.regionCodes].sort(),
          commodityCodes: [...dto.commodityCodes].sort(),
          validFrom,
          validUntil,
          priorityBonusPerUnit: dto.priorityBonusPerUnit,
        }),
      );
      await this.outbox.append(
        manager,
        agreement.commodityCodes.map((commodityCode) =>
          DomainEvents.agreementCreated(agreement.id, commodityCode),
        ),
      );
      return agreement;
    });
    return AgreementView.from(saved);
  }

  async list(query: AgreementQuery): Promise<Page<AgreementView>> {
    const qb = this.dataSource.getRepository(Agreement).createQueryBuilder('a');
    if (query.commodityCode)
      qb.andWhere(':commodity = ANY(a.commodity_codes)', { commodity: query.commodityCode });
    if (query.regionCode) {
      // The agreement covers the region when one of its codes is the region or its province.
      const province = query.regionCode.slice(0, 2);
      qb.andWhere('(:region = ANY(a.region_codes) OR :province = ANY(a.region_codes))', {
        region: query.regionCode,
        province,
      });
    }
    if (query.active) qb.andWhere('a.valid_from <= now() AND a.valid_until >= now()');
    return keysetPage(qb, 'a', query, (a) => AgreementView.from(a));
  }
}
