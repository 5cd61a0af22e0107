import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { TradeTerms } from './trade-terms';

export const TRADE_STATUSES = [
  'confirmed',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

/** A confirmed match: quantities and prices as both parties accepted them. */
@Entity({ name: 'trades' })
@Index(['supplierOrganizationId', 'createdAt', 'id'])
@Index(['buyerOrganizationId', 'createdAt', 'id'])
@Check(`"status" IN ('confirmed', 'shipped', 'delivered', 'completed', 'cancelled')`)
@Check(`"quantity" > 0`)
export class Trade {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One trade per match, whatever retries or races happen. */
  @Index({ unique: true })
  @Column({ type: 'uuid', nullable: false })
  matchId: string;

  @Column({ type: 'uuid', nullable: false })
  supplyListingId: string;

  @Column({ type: 'uuid', nullable: false })
  demandRequestId: string;

  @Column({ type: 'uuid', nullable: false })
  supplierOrganizationId: string;

  @Column({ type: 'uuid', nullable: false })
  buyerOrganizationId: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  /** Units shipped from the listing. */
  @Column({ type: 'integer', nullable: false })
  quantity: number;

  /** Units expected to arrive (taken from the request). */
  @Column({ type: 'integer', nullable: false })
  quantityDelivered: number;

  /**
   * Everything the trade was agreed on, written once in the confirming transaction and never
   * changed by later edits of the listing or request (null only for trades confirmed before it).
   */
  @Column({ type: 'jsonb', nullable: true })
  terms: TradeTerms | null;

  @Column({ type: 'integer', nullable: false })
  pricePerUnit: number;

  @Column({ type: 'varchar', length: 16, nullable: false })
  transportMode: string;

  @Column({ type: 'integer', nullable: false })
  transportCostPerUnit: number;

  @Column({ type: 'integer', nullable: false })
  landedCostPerUnit: number;

  @Column({ type: 'timestamptz', nullable: false })
  departureDate: Date;

  @Column({ type: 'timestamptz', nullable: false })
  arrivalDate: Date;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'confirmed' })
  status: TradeStatus;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
