import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import { keysetPage, Page } from '../common/pagination';
import { Problems } from '../common/problems';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';
import { ReferenceService } from '../reference/reference.service';
import { Agreement } from './agreement.entity';
import {
  AgreementPeriodView,
  AgreementQuery,
  AgreementReportQuery,
  AgreementView,
  CreateAgreementDto,
} from './agreement.dto';
import { agreementPeriods } from './agreement-periods';
import { provinceOf, regionCovers } from '../reference/region-coverage';

export const AGREEMENT_EVENTS = {
  created: 'agreement.created',
  proposed: 'agreement.proposed',
  accepted: 'agreement.accepted',
  declined: 'agreement.declined',
  withdrawn: 'agreement.withdrawn',
  ending: 'agreement.ending',
} as const;

/** Periods are ISO weeks starting Monday 00:00 WIB (the national reporting time zone). */
export const PERIOD_ZONE = 'Asia/Jakarta';

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
      !(regionCovers(a, b) || regionCovers(b, a)),
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
    const commitments = dto.commitments ?? [];
    commitments.forEach((c, i) =>
      problems.check(
        dto.commodityCodes.includes(c.commodityCode),
        `commitments.${i}.commodityCode`,
        `${c.commodityCode} is not one of the agreement's commodities`,
      ),
    );
    problems.check(
      new Set(commitments.map((c) => c.commodityCode)).size === commitments.length,
      'commitments',
      'one commitment per commodity',
    );
    if (commitments.length > 0) {
      problems.check(
        dto.counterpartOrganizationId !== undefined,
        'counterpartOrganizationId',
        'committed volumes need the other government as counterpart',
      );
      problems.check(
        dto.shortfallPenaltyPerUnit !== undefined,
        'shortfallPenaltyPerUnit',
        'committed volumes need a shortfall penalty',
      );
    }
    problems.check(
      dto.priceFloorPerUnit === undefined ||
        dto.priceCeilingPerUnit === undefined ||
        dto.priceFloorPerUnit <= dto.priceCeilingPerUnit,
      'priceCeilingPerUnit',
      'priceCeilingPerUnit must not be below priceFloorPerUnit',
    );
    problems.throwIfAny();
    // A government records agreements of its own region (a province government, of its regions).
    if (!dto.regionCodes.some((code) => regionCovers(principal.regionCode, code))) {
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
      const counterpartId = dto.counterpartOrganizationId ?? null;
      if (counterpartId !== null)
        await this.assertCounterpart(manager, principal, dto, counterpartId);
      const agreement = await manager.save(
        manager.create(Agreement, {
          organizationId: principal.organizationId,
          title: dto.title?.trim() || `Agreement ${a} - ${b}`,
          regionCodes: [...dto.regionCodes].sort(),
          commodityCodes: [...dto.commodityCodes].sort(),
          validFrom,
          validUntil,
          priorityBonusPerUnit: dto.priorityBonusPerUnit,
          counterpartOrganizationId: counterpartId,
          // A one-sided record is in force at once (as before); a two-party agreement waits for
          // the other government.
          status: counterpartId === null ? 'in_force' : 'proposed',
          commitments: commitments.map((c) => ({
            commodityCode: c.commodityCode,
            quantityPerPeriod: c.quantityPerPeriod,
          })),
          shortfallPenaltyPerUnit: dto.shortfallPenaltyPerUnit ?? null,
          priceFloorPerUnit: dto.priceFloorPerUnit ?? null,
          priceCeilingPerUnit: dto.priceCeilingPerUnit ?? null,
          noticeDays: dto.noticeDays ?? 30,
        }),
      );
      await this.outbox.append(
        manager,
        agreement.commodityCodes.map((commodityCode) =>
          counterpartId === null
            ? DomainEvents.agreementCreated(agreement.id, commodityCode)
            : DomainEvents.agreementStep('agreement.proposed', agreement.id, {
                commodityCode,
                organizationIds: [agreement.organizationId, counterpartId],
              }),
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
      const province = provinceOf(query.regionCode);
      qb.andWhere('(:region = ANY(a.region_codes) OR :province = ANY(a.region_codes))', {
        region: query.regionCode,
        province,
      });
    }
    if (query.active)
      qb.andWhere(`a.status = 'in_force' AND a.valid_from <= now() AND a.valid_until >= now()`);
    return keysetPage(qb, 'a', query, (a) => AgreementView.from(a));
  }

  async get(id: string): Promise<AgreementView> {
    return AgreementView.from(await this.find(id));
  }

  /**
   * The counterpart government accepts: the agreement is in force from now on. One conditional
   * UPDATE settles a race with the proposer's withdrawal: whichever commits first wins.
   */
  async accept(principal: Principal, id: string): Promise<AgreementView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const agreement = await this.lock(manager, id);
      if (agreement.counterpartOrganizationId !== principal.organizationId)
        throw DomainError.forbidden('Only the counterpart government accepts an agreement');
      if (agreement.status !== 'proposed')
        throw DomainError.conflict('NOT_PROPOSED', `The agreement is ${agreement.status}`);
      await this.assertVerified(manager, principal.organizationId);
      agreement.status = 'in_force';
      agreement.acceptedAt = new Date();
      const accepted = await manager.save(agreement);
      await this.emit(manager, accepted, AGREEMENT_EVENTS.accepted);
      return accepted;
    });
    return AgreementView.from(saved);
  }

  /**
   * Either party ends the agreement. A proposal not yet accepted ends at once (withdrawn by the
   * proposer, declined by the counterpart); one in force ends after its notice: validUntil moves
   * to now + noticeDays when that is sooner, and until then it keeps steering the market.
   */
  async end(principal: Principal, id: string): Promise<AgreementView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const agreement = await this.lock(manager, id);
      const proposer = agreement.organizationId === principal.organizationId;
      const counterpart = agreement.counterpartOrganizationId === principal.organizationId;
      if (!proposer && !counterpart)
        throw DomainError.forbidden('Only the parties to an agreement end it');
      const now = new Date();
      if (agreement.status === 'proposed') {
        agreement.status = proposer ? 'withdrawn' : 'declined';
        const ended = await manager.save(agreement);
        await this.emit(
          manager,
          ended,
          proposer ? AGREEMENT_EVENTS.withdrawn : AGREEMENT_EVENTS.declined,
        );
        return ended;
      }
      if (agreement.status !== 'in_force' || agreement.validUntil <= now)
        throw DomainError.conflict('NOT_IN_FORCE', 'The agreement is no longer in force');
      if (agreement.endNoticeAt !== null)
        throw DomainError.conflict('ALREADY_ENDING', 'Notice to end was already given');
      const end = new Date(now.getTime() + agreement.noticeDays * 24 * 3600_000);
      if (end < agreement.validUntil) agreement.validUntil = end;
      if (agreement.validUntil < agreement.validFrom) agreement.validUntil = agreement.validFrom;
      agreement.endNoticeAt = now;
      agreement.endNoticeByOrganizationId = principal.organizationId;
      const ending = await manager.save(agreement);
      await this.emit(manager, ending, AGREEMENT_EVENTS.ending);
      return ending;
    });
    return AgreementView.from(saved);
  }

  /** Committed, proposed, confirmed and delivered per period and commodity. */
  async report(id: string, query: AgreementReportQuery): Promise<AgreementPeriodView[]> {
    const agreement = await this.find(id);
    const from = query.from ? new Date(query.from) : (agreement.acceptedAt ?? agreement.validFrom);
    const until = query.until ? new Date(query.until) : new Date();
    if (from > until)
      throw DomainError.validation([{ field: 'from', message: 'from is after until' }]);
    return agreementPeriods(this.dataSource.manager, agreement, from, until, new Date());
  }

  private async find(id: string): Promise<Agreement> {
    const agreement = await this.dataSource.getRepository(Agreement).findOne({ where: { id } });
    if (!agreement) throw DomainError.notFound('Agreement');
    return agreement;
  }

  private async lock(manager: EntityManager, id: string): Promise<Agreement> {
    const agreement = await manager
      .getRepository(Agreement)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!agreement) throw DomainError.notFound('Agreement');
    return agreement;
  }

  private async emit(
    manager: EntityManager,
    agreement: Agreement,
    type: Parameters<typeof DomainEvents.agreementStep>[0],
  ): Promise<void> {
    await this.outbox.append(
      manager,
      agreement.commodityCodes.map((commodityCode) =>
        DomainEvents.agreementStep(type, agreement.id, {
          commodityCode,
          organizationIds: [agreement.organizationId, agreement.counterpartOrganizationId].filter(
            (x): x is string => x !== null,
          ),
        }),
      ),
    );
  }

  private async assertVerified(manager: EntityManager, organizationId: string): Promise<void> {
    const [organization] = await manager.query<{ verification_status: string }[]>(
      `SELECT verification_status FROM organizations WHERE id = $1 FOR SHARE`,
      [organizationId],
    );
    if (organization?.verification_status !== 'verified') {
      throw new DomainError(
        403,
        'ORGANIZATION_NOT_VERIFIED',
        'Only verified government organizations may accept agreements; ask a platform administrator to verify yours',
      );
    }
  }

  /** The counterpart is a verified government of the region the proposer does not cover. */
  private async assertCounterpart(
    manager: EntityManager,
    principal: Principal,
    dto: CreateAgreementDto,
    counterpartId: string,
  ): Promise<void> {
    const [other] = await manager.query<
      { type: string; region_code: string; verification_status: string }[]
    >(`SELECT type, region_code, verification_status FROM organizations WHERE id = $1 FOR SHARE`, [
      counterpartId,
    ]);
    const problems = new Problems();
    if (!other || other.type !== 'government' || other.verification_status !== 'verified') {
      problems.add(
        'counterpartOrganizationId',
        'the counterpart must be a verified government organization',
      );
    } else {
      const mine = dto.regionCodes.filter((code) => regionCovers(principal.regionCode, code));
      const theirs = dto.regionCodes.filter((code) => regionCovers(other.region_code, code));
      problems.check(
        theirs.some((code) => !mine.includes(code)),
        'counterpartOrganizationId',
        "the counterpart must be the government of the agreement's other region",
      );
    }
    problems.throwIfAny();
  }
}
