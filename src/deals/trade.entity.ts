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
  'failed',
] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];
export const CLAIM_STATUSES = ['open', 'accepted', 'disputed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A confirmed match: quantities and prices as both parties accepted them. */
@Entity({ name: 'trades' })
@Index(['supplierOrganizationId', 'createdAt', 'id'])
@Index(['buyerOrganizationId', 'createdAt', 'id'])
@Check(`"status" IN ('confirmed', 'shipped', 'delivered', 'completed', 'cancelled', 'failed')`)
@Check(`"claim_status" IS NULL OR "claim_status" IN ('open', 'accepted', 'disputed')`)
@Check(`"received_quantity" IS NULL OR "received_quantity" >= 0`)
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

  /** The listing's grade when the trade was confirmed: what a delivery is checked against. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  grade: string | null;

  /** Lost in transit: why (set with status `failed`). */
  @Column({ type: 'text', nullable: true })
  failureReason: string | null;

  /** Recorded by the buyer on delivery. */
  @Column({ type: 'integer', nullable: true })
  receivedQuantity: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  gradeOnArrival: string | null;

  /** A delivery short of what was expected, or below the agreed grade, opens a claim. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  claimStatus: ClaimStatus | null;

  @Column({ type: 'integer', nullable: true })
  claimShortQuantity: number | null;

  @Column({ type: 'boolean', nullable: true })
  claimBelowGrade: boolean | null;

  /** The supplier's word when disputing. */
  @Column({ type: 'text', nullable: true })
  claimResponse: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
