import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../accounts/principal';
import { DomainError } from '../../common/domain-error';
import { keysetPage, Page } from '../../common/pagination';
import { MarketFeasibility } from '../../matching/market.feasibility';
import { Problems } from '../../common/problems';
import { ReferenceService } from '../../reference/reference.service';
import { HorizonRoller } from './horizon.roller';
import { dayStart, localDay } from './slot-calendar';
import {
  CreateStandingOrderDto,
  SlotFulfilmentView,
  StandingOrderQuery,
  StandingOrderView,
  UpdateStandingOrderDto,
} from './standing-order.dto';
import { StandingOrder, StandingOrderSide } from './standing-order.entity';

const DAY_MS = 24 * 3600 * 1000;
/** The organization types that may post each side (the same as for single requests and listings). */
const SIDE_TYPES: Record<StandingOrderSide, readonly string[]> = {
  demand: ['procurement', 'trader'],
  supply: ['cooperative', 'trader'],
};
const DEFAULT_WINDOW_DAYS: Record<StandingOrderSide, number> = { demand: 1, supply: 3 };

interface SlotRow {
  id: string;
  slot_date: string;
  quantity: number;
  status: string;
  demand_request_id: string | null;
  supply_listing_id: string | null;
  market_status: string;
  proposed: string;
  confirmed: string;
  delivered: string;
}

/**
 * Standing orders and forward supply: posting, editing, pausing, resuming and ending, and the
 * fulfilment of each slot. Every change that alters what future slots ask for cancels the future
 * slots nothing rests on yet and rolls the horizon again in the same transaction; slots with a
 * confirmed trade or an accepted proposal are never touched.
 */
@Injectable()
export class StandingOrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly feasibility: MarketFeasibility,
    private readonly roller: HorizonRoller,
  ) {}

  async create(
    principal: Principal,
    dto: CreateStandingOrderDto,
    now: Date = new Date(),
  ): Promise<StandingOrderView> {
    if (!SIDE_TYPES[dto.side].includes(principal.organizationType)) {
      throw DomainError.forbidden(
        dto.side === 'demand'
          ? 'Only procurement offices and traders post standing orders'
          : 'Only cooperatives and traders post forward supply',
      );
    }
    const fields = {
      side: dto.side,
      commodityCode: dto.commodityCode,
      grade: dto.grade ?? null,
      quantity: dto.quantity,
      period: dto.period,
      deliveryDays: [...dto.deliveryDays].sort((a, b) => a - b),
      pricePerUnit: dto.pricePerUnit,
      regionCode: dto.regionCode,
      windowDays: dto.windowDays ?? DEFAULT_WINDOW_DAYS[dto.side],
      minShelfLifeDaysOnArrival: dto.minShelfLifeDaysOnArrival ?? 1,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn ?? null,
      notes: dto.notes ?? '',
    };
    this.validate(fields, now);
    await this.assertSatisfiable(fields, now);
    const saved = await this.dataSource.transaction(async (manager) => {
      const order = await manager.save(
        manager.create(StandingOrder, {
          ...fields,
          organizationId: principal.organizationId,
          status: 'active',
        }),
      );
      await this.roller.rollIn(manager, now, [order.id]);
      return order;
    });
    return StandingOrderView.from(saved);
  }

  async list(principal: Principal, query: StandingOrderQuery): Promise<Page<StandingOrderView>> {
    const qb = this.dataSource
      .getRepository(StandingOrder)
      .createQueryBuilder('o')
      .where('o.organization_id = :org', { org: principal.organizationId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    return keysetPage(qb, 'o', query, (o) => StandingOrderView.from(o));
  }

  async get(principal: Principal, id: string): Promise<StandingOrderView> {
    return StandingOrderView.from(await this.findOwned(principal, id));
  }

  async update(
    principal: Principal,
    id: string,
    dto: UpdateStandingOrderDto,
    now: Date = new Date(),
  ): Promise<StandingOrderView> {
    new Problems()
      .rejectNulls(dto, ['quantity', 'period', 'deliveryDays', 'pricePerUnit', 'windowDays'])
      .throwIfAny();
    return this.change(principal, id, now, (current) => {
      if (current.status === 'ended')
        throw DomainError.conflict('NOT_ACTIVE', 'The standing order has ended');
      const fields = {
        ...current,
        grade: dto.grade !== undefined ? dto.grade : current.grade,
        quantity: dto.quantity ?? current.quantity,
        period: dto.period ?? current.period,
        deliveryDays: dto.deliveryDays
          ? [...dto.deliveryDays].sort((a, b) => a - b)
          : current.deliveryDays,
        pricePerUnit: dto.pricePerUnit ?? current.pricePerUnit,
        windowDays: dto.windowDays ?? current.windowDays,
        minShelfLifeDaysOnArrival:
          dto.minShelfLifeDaysOnArrival ?? current.minShelfLifeDaysOnArrival,
        endsOn: dto.endsOn !== undefined ? dto.endsOn : current.endsOn,
        notes: dto.notes ?? current.notes,
      };
      this.validate(fields, now);
      return fields;
    });
  }

  pause(principal: Principal, id: string, now: Date = new Date()): Promise<StandingOrderView> {
    return this.change(principal, id, now, (current) => {
      if (current.status !== 'active')
        throw DomainError.conflict('NOT_ACTIVE', `The standing order is ${current.status}`);
      return { ...current, status: 'paused' as const };
    });
  }

  resume(principal: Principal, id: string, now: Date = new Date()): Promise<StandingOrderView> {
    return this.change(principal, id, now, (current) => {
      if (current.status !== 'paused')
        throw DomainError.conflict('NOT_PAUSED', `The standing order is ${current.status}`);
      return { ...current, status: 'active' as const };
    });
  }

  end(principal: Principal, id: string, now: Date = new Date()): Promise<StandingOrderView> {
    return this.change(principal, id, now, (current) => {
      if (current.status === 'ended')
        throw DomainError.conflict('NOT_ACTIVE', 'The standing order has already ended');
      // Ends today: what is confirmed stays, nothing new is ordered from tomorrow on. (An order
      // that has not started yet keeps startsOn as its end, so that the dates stay ordered.)
      const today = localDay(now, current.regionCode);
      const endsOn = today < current.startsOn ? current.startsOn : today;
      return { ...current, status: 'ended' as const, endsOn };
    });
  }

  /** Every slot of the order (newest day first) with its proposed, confirmed and delivered units. */
  async slots(principal: Principal, id: string): Promise<SlotFulfilmentView[]> {
    const order = await this.findOwned(principal, id);
    const demandSide = order.side === 'demand';
    // Demand counts what arrives (delivered units), supply what leaves (shipped units).
    const unit = demandSide ? 'quantity_delivered' : 'quantity';
    const fk = demandSide ? 'demand_request_id' : 'supply_listing_id';
    const table = demandSide ? 'demand_requests' : 'supply_listings';
    const rows = await this.dataSource.query<SlotRow[]>(
      `SELECT s.id, to_char(s.slot_date, 'YYYY-MM-DD') AS slot_date, s.quantity, s.status,
              s.demand_request_id, s.supply_listing_id, t.status AS market_status,
              COALESCE((SELECT sum(m.${unit}) FROM matches m
                         WHERE m.${fk} = s.${fk} AND m.status = 'proposed'), 0) AS proposed,
              COALESCE((SELECT sum(tr.${unit}) FROM trades tr
                         WHERE tr.${fk} = s.${fk} AND tr.status NOT IN ('cancelled', 'failed')), 0)
                AS confirmed,
              COALESCE((SELECT sum(tr.${unit}) FROM trades tr
                         WHERE tr.${fk} = s.${fk} AND tr.status IN ('delivered', 'completed')), 0)
                AS delivered
         FROM standing_order_slots s JOIN ${table} t ON t.id = s.${fk}
        WHERE s.standing_order_id = $1
        ORDER BY s.slot_date DESC, s.created_at DESC`,
      [order.id],
    );
    return rows.map((r) => {
      const confirmed = Number(r.confirmed);
      return Object.assign(new SlotFulfilmentView(), {
        slotId: r.id,
        date: r.slot_date,
        quantity: r.quantity,
        status: r.status,
        demandRequestId: r.demand_request_id,
        supplyListingId: r.supply_listing_id,
        marketStatus: r.market_status,
        proposed: Number(r.proposed),
        confirmed,
        delivered: Number(r.delivered),
        fillRatio: Math.round((confirmed / r.quantity) * 1000) / 1000,
      });
    });
  }

  /**
   * Applies a change under a row lock: the future slots nothing rests on are cancelled and the
   * horizon rolled again on the new terms, in the same transaction.
   */
  private async change(
    principal: Principal,
    id: string,
    now: Date,
    next: (current: StandingOrder) => StandingOrder,
  ): Promise<StandingOrderView> {
    const saved = await this.dataSource.transaction(async (manager: EntityManager) => {
      const current = await manager.getRepository(StandingOrder).findOne({
        where: { id, organizationId: principal.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw DomainError.notFound('Standing order');
      const order = await manager.save(StandingOrder, next({ ...current }));
      await this.roller.cancelFutureSlots(manager, order, localDay(now, order.regionCode));
      if (order.status === 'active') await this.roller.rollIn(manager, now, [order.id]);
      return order;
    });
    return StandingOrderView.from(saved);
  }

  private async findOwned(principal: Principal, id: string): Promise<StandingOrder> {
    const order = await this.dataSource
      .getRepository(StandingOrder)
      .findOne({ where: { id, organizationId: principal.organizationId } });
    if (!order) throw DomainError.notFound('Standing order');
    return order;
  }

  private validate(
    fields: Pick<
      StandingOrder,
      'side' | 'commodityCode' | 'grade' | 'regionCode' | 'startsOn' | 'endsOn'
    >,
    now: Date,
  ): void {
    const problems = new Problems();
    const commodity = this.reference.commodity(fields.commodityCode);
    problems.check(!!commodity, 'commodityCode', `unknown commodity ${fields.commodityCode}`);
    const gradeProblem = this.reference.gradeProblem(fields.commodityCode, fields.grade);
    if (commodity && gradeProblem) problems.add('grade', gradeProblem);
    problems.check(
      !!this.reference.region(fields.regionCode),
      'regionCode',
      `unknown region ${fields.regionCode}`,
    );
    const valid = (day: string) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
    problems.check(valid(fields.startsOn), 'startsOn', 'startsOn is not a calendar date');
    if (fields.endsOn !== null) {
      problems.check(valid(fields.endsOn), 'endsOn', 'endsOn is not a calendar date');
      problems.check(fields.endsOn >= fields.startsOn, 'endsOn', 'endsOn is before startsOn');
      problems.check(
        fields.endsOn >= localDay(now, fields.regionCode),
        'endsOn',
        'endsOn is in the past',
      );
    }
    problems.throwIfAny();
  }

  /** The same 422 as a single request or listing: a slot no transport option could serve. */
  private async assertSatisfiable(
    fields: Pick<
      StandingOrder,
      'side' | 'commodityCode' | 'regionCode' | 'windowDays' | 'minShelfLifeDaysOnArrival'
    > & { startsOn: string },
    now: Date,
  ): Promise<void> {
    const first = [fields.startsOn, localDay(now, fields.regionCode)].sort()[1];
    const from = dayStart(first, fields.regionCode);
    if (fields.side === 'demand') {
      await this.feasibility.assertRequestSatisfiable({
        commodityCode: fields.commodityCode,
        destinationRegionCode: fields.regionCode,
        deliverBy: new Date(from.getTime() + fields.windowDays * DAY_MS - 1000),
        minShelfLifeDaysOnArrival: fields.minShelfLifeDaysOnArrival,
      });
    } else {
      await this.feasibility.assertListingSatisfiable({
        commodityCode: fields.commodityCode,
        originRegionCode: fields.regionCode,
        availableFrom: from,
        harvestedAt: from,
      });
    }
  }
}
