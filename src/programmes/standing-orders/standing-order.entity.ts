import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../../accounts/organization.entity';
import type { SlotPeriod } from './slot-calendar';

export const STANDING_ORDER_SIDES = ['demand', 'supply'] as const;
export type StandingOrderSide = (typeof STANDING_ORDER_SIDES)[number];
export const STANDING_ORDER_STATUSES = ['active', 'paused', 'ended'] as const;
export type StandingOrderStatus = (typeof STANDING_ORDER_STATUSES)[number];

/**
 * A standing order (demand: a procurement office's recurring purchase) or forward supply (supply:
 * a cooperative's expected harvest). A worker keeps its slots of the coming days as ordinary demand
 * requests or supply listings, each matched like any other.
 */
@Entity({ name: 'standing_orders' })
@Index(['organizationId', 'createdAt', 'id'])
@Index(['status'])
@Check(`"side" IN ('demand', 'supply')`)
@Check(`"status" IN ('active', 'paused', 'ended')`)
@Check(`"period" IN ('day', 'week')`)
@Check(`"quantity" > 0 AND "price_per_unit" > 0 AND "window_days" BETWEEN 1 AND 30`)
@Check(`"ends_on" IS NULL OR "starts_on" <= "ends_on"`)
@Check(`cardinality("delivery_days") BETWEEN 1 AND 7`)
export class StandingOrder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 8, nullable: false })
  side: StandingOrderSide;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  /** Demand: this grade or better; supply: the grade offered. Null for ungraded commodities. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  grade: string | null;

  @Column({ type: 'integer', nullable: false })
  quantity: number;

  @Column({ type: 'varchar', length: 8, nullable: false })
  period: SlotPeriod;

  /** ISO weekdays (1 = Monday): delivery days (demand) or harvest days (supply). */
  @Column({ type: 'smallint', array: true, nullable: false })
  deliveryDays: number[];

  /** Demand: the maximum landed price; supply: the asking price at origin. IDR per unit. */
  @Column({ type: 'integer', nullable: false })
  pricePerUnit: number;

  /** Destination (demand) or origin (supply). */
  @Column({ type: 'varchar', length: 16, nullable: false })
  regionCode: string;

  /** Days a slot stays open: arrivals accepted (demand) or goods available (supply). */
  @Column({ type: 'smallint', nullable: false })
  windowDays: number;

  @Column({ type: 'integer', nullable: false, default: 1 })
  minShelfLifeDaysOnArrival: number;

  @Column({ type: 'date', nullable: false })
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'varchar', length: 8, nullable: false, default: 'active' })
  status: StandingOrderStatus;

  @Column({ type: 'text', nullable: false, default: '' })
  notes: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export const SLOT_STATUSES = ['active', 'cancelled'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/**
 * One delivery day of a standing order and the request (or listing) that carries it. At most one
 * active slot per order and day (partial unique index): however many workers roll the horizon at
 * once, a day is never ordered twice. An edit cancels the uncommitted future slots, and the next
 * roll creates them again on the new terms.
 */
@Entity({ name: 'standing_order_slots' })
@Index(['standingOrderId', 'slotDate'], { unique: true, where: `"status" = 'active'` })
@Index(['demandRequestId'])
@Index(['supplyListingId'])
@Check(`"status" IN ('active', 'cancelled')`)
@Check(`"quantity" > 0`)
@Check(`("demand_request_id" IS NULL) <> ("supply_listing_id" IS NULL)`)
export class StandingOrderSlot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  standingOrderId: string;

  @ManyToOne(() => StandingOrder, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'standing_order_id' })
  standingOrder?: StandingOrder;

  @Column({ type: 'date', nullable: false })
  slotDate: string;

  @Column({ type: 'integer', nullable: false })
  quantity: number;

  @Column({ type: 'uuid', nullable: true })
  demandRequestId: string | null;

  @Column({ type: 'uuid', nullable: true })
  supplyListingId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'active' })
  status: SlotStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
