import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DECLINE_REASONS = [
  'price',
  'quantity',
  'timing',
  'quality',
  'partner',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const EXCLUSION_KINDS = ['pair', 'partner'] as const;
export type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

/**
 * The terms of a listing and a request as they stood when a pair was declined: the engine
 * proposes the pair again only once a term relevant to the reason differs from these
 * (see exclusion-rules.ts). Dates are ISO strings, as jsonb keeps them.
 */
export interface PairTerms {
  pricePerUnit: number;
  grade: string | null;
  listingQuantity: number;
  minOrderQuantity: number | null;
  originRegionCode: string;
  availableFrom: string;
  availableUntil: string;
  harvestedAt: string | null;
  maxPricePerUnit: number;
  minGrade: string | null;
  requestQuantity: number;
  destinationRegionCode: string;
  deliverFrom: string | null;
  deliverBy: string;
  minShelfLifeDaysOnArrival: number;
}

/**
 * A decision that sticks. Owned by matching because it is a rule of what the engine may propose
 * (it is read on every run, next to the open market); deals writes it through ExclusionsStore
 * when a party declines a proposal or a trade is cancelled or fails.
 *
 * kind `pair`: this listing with this request, until a term relevant to `reason` changes.
 * kind `partner`: any listing or request of the counterpart organization with any of the
 * owner's, in either role, until the owner lifts it.
 */
@Entity({ name: 'match_exclusions' })
@Index(['organizationId', 'createdAt', 'id'])
@Index(['commodityCode', 'liftedAt'])
@Index(['counterpartOrganizationId', 'liftedAt'])
@Check(`"reason" IN ('price', 'quantity', 'timing', 'quality', 'partner', 'other')`)
@Check(`"kind" IN ('pair', 'partner')`)
@Check(
  `("kind" = 'pair' AND "supply_listing_id" IS NOT NULL AND "demand_request_id" IS NOT NULL AND "terms" IS NOT NULL) OR "kind" = 'partner'`,
)
export class MatchExclusion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organization that declined (or cancelled): the only one that sees and lifts it. */
  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @Column({ type: 'uuid', nullable: false })
  counterpartOrganizationId: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  kind: ExclusionKind;

  @Column({ type: 'varchar', length: 16, nullable: false })
  reason: DeclineReason;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The commodity of the declined match: lifting re-optimises it. */
  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  @Column({ type: 'uuid', nullable: true })
  supplyListingId: string | null;

  @Column({ type: 'uuid', nullable: true })
  demandRequestId: string | null;

  @Column({ type: 'uuid', nullable: true })
  matchId: string | null;

  @Column({ type: 'uuid', nullable: true })
  tradeId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  terms: PairTerms | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt: Date | null;
}
