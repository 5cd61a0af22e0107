import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainEvents } from '../../events/domain-events';
import { MarketLedger } from '../../market/market.ledger';
import { OutboxWriter } from '../../outbox/outbox.writer';
import { addDays, dayStart, localDay, plannedSlots } from './slot-calendar';
import { StandingOrder, StandingOrderSlot } from './standing-order.entity';

const DAY_MS = 24 * 3600 * 1000;

export interface RollSummary {
  orders: number;
  slotsCreated: number;
}

export interface CancelSummary {
  cancelled: number;
  /** Slots left as they are because a trade or an accepted proposal rests on them. */
  kept: number;
}

/**
 * Keeps the rolling horizon of every active standing order: each delivery day of the coming
 * `standingOrderHorizonDays` days gets one slot, carried by an ordinary demand request (or supply
 * listing) that the matching engine treats like any other. Idempotent and safe to run from every
 * worker at once: one transaction-scoped advisory lock serialises rolls, and a partial unique index
 * allows one active slot per order and day.
 *
 * `now` is a parameter (the clock is injected by the caller): tests and the demonstration roll
 * simulated days forward without waiting for them.
 */
@Injectable()
export class HorizonRoller {
  private readonly logger = new Logger(HorizonRoller.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxWriter,
    private readonly ledger: MarketLedger,
  ) {}

  async roll(now: Date = new Date(), orderIds?: string[]): Promise<RollSummary> {
    const summary = await this.dataSource.transaction((manager) =>
      this.rollIn(manager, now, orderIds),
    );
    if (summary.slotsCreated > 0) this.logger.log(summary, 'standing order slots created');
    return summary;
  }

  async rollIn(manager: EntityManager, now: Date, orderIds?: string[]): Promise<RollSummary> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('standing-orders-roll'))`);
    const orders = await manager
      .getRepository(StandingOrder)
      .createQueryBuilder('o')
      .where(`o.status = 'active'`)
      .andWhere(orderIds ? 'o.id = ANY(:ids)' : 'TRUE', { ids: orderIds })
      .orderBy('o.id')
      .getMany();
    if (orders.length === 0) return { orders: 0, slotsCreated: 0 };
    const existing = await manager.query<{ standing_order_id: string; slot_date: string }[]>(
      `SELECT standing_order_id, to_char(slot_date, 'YYYY-MM-DD') AS slot_date
         FROM standing_order_slots WHERE status = 'active' AND standing_order_id = ANY($1)`,
      [orders.map((o) => o.id)],
    );
    const taken = new Set(existing.map((s) => `${s.standing_order_id}|${s.slot_date}`));
    const horizon = this.config.programmes.standingOrderHorizonDays;

    const demand: { order: StandingOrder; date: string; quantity: number }[] = [];
    const supply: { order: StandingOrder; date: string; quantity: number }[] = [];
    for (const order of orders) {
      const today = localDay(now, order.regionCode);
      for (const slot of plannedSlots(order, today, horizon)) {
        if (taken.has(`${order.id}|${slot.date}`)) continue;
        // A slot whose window has already closed is no use to anyone.
        const closes = dayStart(addDays(slot.date, order.windowDays), order.regionCode);
        if (closes.getTime() <= now.getTime()) continue;
        (order.side === 'demand' ? demand : supply).push({ order, ...slot });
      }
    }

    const slots: Partial<StandingOrderSlot>[] = [];
    if (demand.length > 0) {
      const rows = demand.map(({ order, date, quantity }) => ({
        organizationId: order.organizationId,
        commodityCode: order.commodityCode,
        minGrade: order.grade,
        quantity,
        maxPricePerUnit: order.pricePerUnit,
        destinationRegionCode: order.regionCode,
        deliverFrom: dayStart(date, order.regionCode),
        // The last instant of the window's last day.
        deliverBy: new Date(
          dayStart(date, order.regionCode).getTime() + order.windowDays * DAY_MS - 1000,
        ),
        minShelfLifeDaysOnArrival: order.minShelfLifeDaysOnArrival,
        // A standing order declares no cold store (yet): its slots count ambient days.
        coldStorage: false,
        notes: `Pesanan tetap ${date}${order.notes ? ` - ${order.notes}` : ''}`,
      }));
      const ids = await this.ledger.openRequests(manager, rows);
      demand.forEach(({ order, date, quantity }, i) =>
        slots.push({
          standingOrderId: order.id,
          slotDate: date,
          quantity,
          demandRequestId: ids[i],
        }),
      );
      await this.outbox.append(
        manager,
        ids.map((id, i) =>
          DomainEvents.demandRequestCreated({ id, commodityCode: rows[i].commodityCode }),
        ),
      );
    }
    if (supply.length > 0) {
      const rows = supply.map(({ order, date, quantity }) => {
        const from = dayStart(date, order.regionCode);
        return {
          organizationId: order.organizationId,
          commodityCode: order.commodityCode,
          grade: order.grade,
          quantity,
          minOrderQuantity: null,
          pricePerUnit: order.pricePerUnit,
          originRegionCode: order.regionCode,
          availableFrom: from,
          availableUntil: new Date(from.getTime() + order.windowDays * DAY_MS - 1000),
          // Forward supply is harvested on its slot day: shelf life counts from there.
          harvestedAt: from,
          notes: `Perkiraan panen ${date}${order.notes ? ` - ${order.notes}` : ''}`,
        };
      });
      const ids = await this.ledger.openListings(manager, rows);
      supply.forEach(({ order, date, quantity }, i) =>
        slots.push({
          standingOrderId: order.id,
          slotDate: date,
          quantity,
          supplyListingId: ids[i],
        }),
      );
      await this.outbox.append(
        manager,
        ids.map((id, i) =>
          DomainEvents.supplyListingCreated({ id, commodityCode: rows[i].commodityCode }),
        ),
      );
    }
    if (slots.length > 0) await manager.getRepository(StandingOrderSlot).insert(slots);
    return { orders: orders.length, slotsCreated: slots.length };
  }

  /**
   * Cancels the slots of an order from `fromDay` on that nothing rests on yet: their request (or
   * listing) is withdrawn in one conditional UPDATE that skips any row with a confirmed trade, a
   * received quantity or a proposal one side has accepted. PostgreSQL settles the race with a
   * confirmation: whichever commits first wins, and a confirmed slot is never touched.
   */
  async cancelFutureSlots(
    manager: EntityManager,
    order: StandingOrder,
    fromDay: string,
  ): Promise<CancelSummary> {
    const slots = await manager.query<
      { id: string; demand_request_id: string | null; supply_listing_id: string | null }[]
    >(
      `SELECT id, demand_request_id, supply_listing_id FROM standing_order_slots
        WHERE standing_order_id = $1 AND status = 'active' AND slot_date >= $2::date
        FOR UPDATE`,
      [order.id, fromDay],
    );
    if (slots.length === 0) return { cancelled: 0, kept: 0 };
    const demandSide = order.side === 'demand';
    const table = demandSide ? 'demand_requests' : 'supply_listings';
    const fk = demandSide ? 'demand_request_id' : 'supply_listing_id';
    const marketIds = slots.map((s) => (demandSide ? s.demand_request_id : s.supply_listing_id)!);
    const withdrawn = await this.ledger.withdrawUntouched(
      manager,
      demandSide ? 'request' : 'listing',
      marketIds,
    );
    // A slot whose request already left the market untouched (expired, withdrawn by its owner)
    // is cancelled too: nothing rests on it.
    const untouched = await manager.query<{ id: string }[]>(
      `SELECT id FROM ${table} t WHERE t.id = ANY($1) AND t.status <> 'open'
          AND t.remaining_quantity = t.quantity
          AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.${fk} = t.id AND m.status = 'confirmed')`,
      [marketIds],
    );
    const released = new Set([...withdrawn, ...untouched].map((r) => r.id));
    const cancelled = slots.filter((s) =>
      released.has((demandSide ? s.demand_request_id : s.supply_listing_id)!),
    );
    if (cancelled.length > 0) {
      await manager.query(
        `UPDATE standing_order_slots SET status = 'cancelled' WHERE id = ANY($1)`,
        [cancelled.map((s) => s.id)],
      );
    }
    await this.outbox.append(
      manager,
      withdrawn.map((r) =>
        demandSide
          ? DomainEvents.demandRequestWithdrawn(r)
          : DomainEvents.supplyListingWithdrawn(r),
      ),
    );
    return { cancelled: cancelled.length, kept: slots.length - cancelled.length };
  }
}
