import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { createWithinCap } from '../../common/tenant-cap';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../accounts/principal';
import type { Page } from '../../common/pagination';
import { OutboxWriter } from '../../outbox/outbox.writer';
import { ReferenceService } from '../../reference/reference.service';
import { DomainEvents } from '../../events/domain-events';
import { MarketChecks } from '../market-checks';
import { MarketLedger } from '../market.ledger';
import { Problems } from '../../common/problems';
import { OwnedMarketStore } from '../owned-market.store';
import { assertQuantityCoversTrades, changedTerms } from '../term-changes';
import {
  CreateDemandRequestDto,
  DemandRequestQuery,
  DemandRequestView,
  UpdateDemandRequestDto,
} from './demand-request.dto';
import { DemandRequest } from './demand-request.entity';

type RequestFields = Pick<
  DemandRequest,
  | 'commodityCode'
  | 'minGrade'
  | 'quantity'
  | 'maxPricePerUnit'
  | 'destinationRegionCode'
  | 'deliverFrom'
  | 'deliverBy'
  | 'minShelfLifeDaysOnArrival'
  | 'coldStorage'
  | 'notes'
>;

/** The terms a proposal for this request rests on (quantity is handled apart: only a shortfall counts). */
const REQUEST_TERMS = [
  'maxPricePerUnit',
  'minGrade',
  'destinationRegionCode',
  'deliverFrom',
  'deliverBy',
  'minShelfLifeDaysOnArrival',
  'coldStorage',
] as const;

const date = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);
const DEFAULT_MIN_SHELF_LIFE_DAYS = 1;

@Injectable()
export class DemandRequestsService {
  private readonly store: OwnedMarketStore<DemandRequest>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly checks: MarketChecks,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: MarketLedger,
  ) {
    this.store = new OwnedMarketStore(dataSource, outbox, DemandRequest, {
      label: 'Demand request',
      aggregateType: 'demand_request',
      regionColumn: 'destination_region_code',
    });
  }

  async create(principal: Principal, dto: CreateDemandRequestDto): Promise<DemandRequestView> {
    const fields = this.validate({
      commodityCode: dto.commodityCode,
      minGrade: dto.minGrade ?? null,
      quantity: dto.quantity,
      maxPricePerUnit: dto.maxPricePerUnit,
      destinationRegionCode: dto.destinationRegionCode,
      deliverFrom: date(dto.deliverFrom),
      deliverBy: new Date(dto.deliverBy),
      minShelfLifeDaysOnArrival: dto.minShelfLifeDaysOnArrival ?? DEFAULT_MIN_SHELF_LIFE_DAYS,
      coldStorage: dto.coldStorage ?? false,
      notes: dto.notes ?? '',
    });
    await this.checks.assertRequestSatisfiable(fields);
    const request = await this.dataSource.transaction((manager) =>
      createWithinCap(
        manager,
        principal.organizationId,
        {
          cap: 'OPEN_REQUESTS_PER_ORGANIZATION',
          countSql: `SELECT 1 FROM demand_requests WHERE organization_id = $1 AND status = 'open'`,
          what: 'open requests',
        },
        this.config.caps.OPEN_REQUESTS_PER_ORGANIZATION,
        async () => {
          const saved = await this.ledger.openRequest(manager, {
            ...fields,
            organizationId: principal.organizationId,
          });
          await this.store.emit(manager, DomainEvents.demandRequestCreated(saved));
          return saved;
        },
      ),
    );
    return this.view(request);
  }

  list(principal: Principal, query: DemandRequestQuery): Promise<Page<DemandRequestView>> {
    return this.store.list(
      principal.organizationId,
      { ...query, regionCode: query.destinationRegionCode },
      (row) => this.view(row),
    );
  }

  async get(principal: Principal, id: string): Promise<DemandRequestView> {
    return this.view(await this.store.findOwned(principal.organizationId, id));
  }

  async update(
    principal: Principal,
    id: string,
    dto: UpdateDemandRequestDto,
  ): Promise<DemandRequestView> {
    new Problems()
      .rejectNulls(dto, [
        'minGrade',
        'quantity',
        'maxPricePerUnit',
        'destinationRegionCode',
        'deliverBy',
        'minShelfLifeDaysOnArrival',
        'coldStorage',
        'notes',
      ])
      .throwIfAny();
    const request = await this.dataSource.transaction(async (manager) => {
      const current = await this.store.lockOwned(manager, principal.organizationId, id);
      this.store.assertOpen(current);
      const fields = this.validate({
        commodityCode: current.commodityCode,
        minGrade: dto.minGrade ?? current.minGrade,
        quantity: dto.quantity ?? current.quantity,
        maxPricePerUnit: dto.maxPricePerUnit ?? current.maxPricePerUnit,
        destinationRegionCode: dto.destinationRegionCode ?? current.destinationRegionCode,
        deliverFrom: dto.deliverFrom !== undefined ? date(dto.deliverFrom) : current.deliverFrom,
        deliverBy: date(dto.deliverBy) ?? current.deliverBy,
        minShelfLifeDaysOnArrival:
          dto.minShelfLifeDaysOnArrival ?? current.minShelfLifeDaysOnArrival,
        coldStorage: dto.coldStorage ?? current.coldStorage,
        notes: dto.notes ?? current.notes,
      });
      const received = current.quantity - current.remainingQuantity;
      await assertQuantityCoversTrades(manager, 'request', id, fields.quantity, received);
      // Only a change to where, by when or how fresh is checked again: a request close to its
      // deadline must still be able to change its price or quantity.
      const placeOrTime = changedTerms<RequestFields>(current, fields, [
        'destinationRegionCode',
        'deliverFrom',
        'deliverBy',
        'minShelfLifeDaysOnArrival',
        'coldStorage',
      ]);
      if (placeOrTime.length > 0) await this.checks.assertRequestSatisfiable(fields);
      // Proposals resting on a changed term are superseded before the change commits.
      const changed = changedTerms<RequestFields>(current, fields, REQUEST_TERMS);
      const remainingQuantity = fields.quantity - received;
      await this.checks.supersedeForChange(manager, {
        side: 'request',
        id,
        commodityCode: current.commodityCode,
        changedTerms: changed,
        quantityChanged: fields.quantity !== current.quantity,
        remainingQuantity,
      });
      const saved = await this.ledger.revise(manager, current, fields, remainingQuantity);
      await this.store.emit(manager, DomainEvents.demandRequestUpdated(saved));
      return saved;
    });
    return this.view(request);
  }

  async withdraw(principal: Principal, id: string): Promise<DemandRequestView> {
    const request = await this.dataSource.transaction(async (manager) => {
      const current = await this.store.lockOwned(manager, principal.organizationId, id);
      this.store.assertOpen(current);
      const saved = await this.ledger.withdraw(manager, current);
      await this.store.emit(manager, DomainEvents.demandRequestWithdrawn(saved));
      return saved;
    });
    return this.view(request);
  }

  private validate(fields: RequestFields): RequestFields {
    const problems = new Problems();
    problems.check(
      !!this.reference.commodity(fields.commodityCode),
      'commodityCode',
      `unknown commodity ${fields.commodityCode}`,
    );
    const gradeProblem = this.reference.gradeProblem(fields.commodityCode, fields.minGrade);
    if (gradeProblem) problems.add('minGrade', gradeProblem);
    problems.check(
      !!this.reference.region(fields.destinationRegionCode),
      'destinationRegionCode',
      `unknown region ${fields.destinationRegionCode}`,
    );
    problems.check(
      fields.deliverBy.getTime() > Date.now(),
      'deliverBy',
      'deliverBy must be in the future',
    );
    problems.check(
      fields.deliverFrom === null || fields.deliverFrom <= fields.deliverBy,
      'deliverFrom',
      'deliverFrom must not be after deliverBy',
    );
    problems.throwIfAny();
    return fields;
  }

  private view(request: DemandRequest): DemandRequestView {
    return DemandRequestView.from(
      request,
      this.reference.commodity(request.commodityCode)?.unit ?? 'kg',
    );
  }
}
