import type { ProposalReferenceBand } from '../prices/reference-band';
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
import type { ColdChain, TransportLeg } from '../logistics/logistics.types';
import { DemandRequest } from '../market/demand/demand-request.entity';
import { SupplyListing } from '../market/supply/supply-listing.entity';

export const MATCH_STATUSES = [
  'proposed',
  'confirmed',
  'declined',
  'expired',
  'superseded',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const DECISIONS = ['pending', 'accepted', 'declined'] as const;
export type Decision = (typeof DECISIONS)[number];
export type RouteLegView = TransportLeg;

/**
 * A proposal of the engine: a quantity of one listing for one request, with everything that
 * explains it. Explanation fields are frozen when proposed; re-optimisation never edits a match,
 * it supersedes it and proposes a new one.
 */
@Entity({ name: 'matches' })
@Index(['supplyListingId', 'status'])
@Index(['demandRequestId', 'status'])
@Index(['commodityCode', 'status'])
@Index(['supplierOrganizationId', 'createdAt', 'id'])
@Index(['buyerOrganizationId', 'createdAt', 'id'])
// At most one open (nobody accepted yet) proposal per pair, so a re-optimisation can never
// duplicate one. A held proposal (one side accepted) may sit beside a fresh one for the same pair.
@Index('matches_one_open_proposal_per_pair', ['supplyListingId', 'demandRequestId'], {
  unique: true,
  where: `"status" = 'proposed' AND "supplier_decision" = 'pending' AND "buyer_decision" = 'pending'`,
})
@Check(`"quantity" > 0`)
@Check(`"status" IN ('proposed', 'confirmed', 'declined', 'expired', 'superseded')`)
@Check(`"supplier_decision" IN ('pending', 'accepted', 'declined')`)
@Check(`"buyer_decision" IN ('pending', 'accepted', 'declined')`)
export class Match {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  supplyListingId: string;

  @ManyToOne(() => SupplyListing, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'supply_listing_id' })
  supplyListing?: SupplyListing;

  @Column({ type: 'uuid', nullable: false })
  demandRequestId: string;

  @ManyToOne(() => DemandRequest, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'demand_request_id' })
  demandRequest?: DemandRequest;

  /** Denormalised from the listing and the request: visibility checks need no join. */
  @Column({ type: 'uuid', nullable: false })
  supplierOrganizationId: string;

  @Column({ type: 'uuid', nullable: false })
  buyerOrganizationId: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  /** Units shipped from the listing (taken from its remaining quantity on confirmation). */
  @Column({ type: 'integer', nullable: false })
  quantity: number;

  /**
   * Units expected to arrive: what the request gets (taken from its remaining quantity on
   * confirmation). quantity = ceil(quantityDelivered / (1 - shrinkRate)).
   */
  @Column({ type: 'integer', nullable: false })
  quantityDelivered: number;

  /** Fraction lost on the way by the chosen mode (0.1 = 10 %). */
  @Column({ type: 'double precision', nullable: false })
  shrinkRate: number;

  /** The legs of the chosen transport option, as the network derived them at proposal time. */
  @Column({ type: 'jsonb', nullable: false })
  route: RouteLegView[];

  /** The listing's asking price: the proposed trade price. */
  @Column({ type: 'integer', nullable: false })
  pricePerUnit: number;

  /** road, road-reefer, sea, sea-reefer, air (air-reefer on proposals made before #10) */
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

  /** Ambient days left once unloaded. */
  @Column({ type: 'double precision', nullable: false })
  shelfLifeDaysOnArrival: number;

  /** The same life counted in chilled days (a buyer's cold store); null on older proposals. */
  @Column({ type: 'double precision', nullable: true })
  chilledShelfLifeDaysOnArrival: number | null;

  /** full, broken or none (ColdChain); null on older proposals. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  coldChain: ColdChain | null;

  /** Ambient days a broken cold chain cost against the trip kept cold; null on older proposals. */
  @Column({ type: 'double precision', nullable: true })
  coldChainBreakShelfDays: number | null;

  @Column({ type: 'integer', nullable: false })
  distanceKm: number;

  /** maxPricePerUnit - landedCostPerUnit: the real gain, never including an agreement bonus. */
  @Column({ type: 'integer', nullable: false })
  gainPerUnit: number;

  @Column({ type: 'uuid', nullable: true })
  agreementId: string | null;

  /**
   * The proposal's prices against the reference prices in force when it was made (producer level
   * at the origin, consumer level at the destination); null before #12 point 3.
   */
  @Column({ type: 'jsonb', nullable: true })
  referenceBand: ProposalReferenceBand | null;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'proposed' })
  status: MatchStatus;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'pending' })
  supplierDecision: Decision;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'pending' })
  buyerDecision: Decision;

  @Column({ type: 'timestamptz', nullable: false })
  expiresAt: Date;

  /** Why the proposal was superseded (e.g. `listing_changed: pricePerUnit`); null otherwise. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  supersededReason: string | null;

  /**
   * The trade of a confirmed match and its status, kept in step by the trades service in the
   * transaction of every transition: the match stays `confirmed` (both parties did confirm it),
   * and tradeStatus says what became of the deal (shipped, cancelled, failed...).
   */
  @Column({ type: 'uuid', nullable: true })
  tradeId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  tradeStatus: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /**
   * The priority of the agreement that covers the pair (0 without one): the engine adds it to
   * the objective, but it is not money anyone gains, so it is kept apart from gainPerUnit.
   */
  @Column({ type: 'integer', nullable: false, default: 0 })
  agreementBonusPerUnit: number;
}
