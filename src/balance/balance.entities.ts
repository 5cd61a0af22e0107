import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `province` cells sum a province's regencies and cities; `regency` cells are one of them. */
export type BalanceLevel = 'province' | 'regency';
export const BALANCE_LEVELS: readonly BalanceLevel[] = ['province', 'regency'];

const QUANTITY = { type: 'bigint', nullable: false, default: 0 } as const;

/**
 * The weekly balance (neraca) of one region and commodity: the read model of GET /balance, kept
 * current by the BalanceProjector from domain events and rebuilt from the base tables on demand.
 * Owned by BalanceStore. Quantities are in the commodity's unit (kg for all but cooking oil);
 * `_out` counts units leaving the region (shipped), `_in` units reaching it (expected on arrival;
 * delivered: received).
 */
@Entity({ name: 'balance_region_weeks' })
@Index('balance_region_weeks_by_level', ['level', 'weekStart', 'regionCode', 'commodityCode'])
@Index('balance_region_weeks_by_commodity', ['commodityCode', 'level', 'weekStart', 'regionCode'])
export class BalanceRegionWeek {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  regionCode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  commodityCode: string;

  /** The Monday the ISO week starts on, in the region's own zone (WIB, WITA or WIT). */
  @PrimaryColumn({ type: 'date' })
  weekStart: string;

  @Column({ type: 'varchar', length: 8, nullable: false })
  level: BalanceLevel;

  @Column(QUANTITY) supplyPosted: string;
  @Column(QUANTITY) demandPosted: string;
  @Column(QUANTITY) proposedIn: string;
  @Column(QUANTITY) proposedOut: string;
  @Column(QUANTITY) confirmedIn: string;
  @Column(QUANTITY) confirmedOut: string;
  @Column(QUANTITY) deliveredIn: string;
  @Column(QUANTITY) deliveredOut: string;
}

/**
 * What moves between two regions of the same level in a week (the week of arrival, in the
 * destination's zone), in the commodity's unit as it arrives. Owned by BalanceStore.
 */
@Entity({ name: 'balance_flow_weeks' })
@Index('balance_flow_weeks_by_level', [
  'level',
  'weekStart',
  'originCode',
  'destinationCode',
  'commodityCode',
])
@Index('balance_flow_weeks_by_destination', ['destinationCode', 'weekStart'])
export class BalanceFlowWeek {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  originCode: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  destinationCode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  commodityCode: string;

  @PrimaryColumn({ type: 'date' })
  weekStart: string;

  @Column({ type: 'varchar', length: 8, nullable: false })
  level: BalanceLevel;

  @Column(QUANTITY) proposed: string;
  @Column(QUANTITY) confirmed: string;
  @Column(QUANTITY) delivered: string;
}

/**
 * What one listing, request or match currently adds to the region cells: the projector replaces
 * a source's rows and applies the difference, so that a redelivered or out-of-order event changes
 * nothing (the difference is zero). A source's rows are always deleted and written together, under
 * the lock of its BalanceSource row; a trade within one region adds to the same cell twice (out
 * and in), summed into one row.
 */
@Entity({ name: 'balance_region_contributions' })
export class BalanceRegionContribution {
  @PrimaryColumn({ type: 'uuid' })
  sourceId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  regionCode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  commodityCode: string;

  @PrimaryColumn({ type: 'date' })
  weekStart: string;

  @Column({ type: 'varchar', length: 8, nullable: false })
  level: BalanceLevel;

  @Column(QUANTITY) supplyPosted: string;
  @Column(QUANTITY) demandPosted: string;
  @Column(QUANTITY) proposedIn: string;
  @Column(QUANTITY) proposedOut: string;
  @Column(QUANTITY) confirmedIn: string;
  @Column(QUANTITY) confirmedOut: string;
  @Column(QUANTITY) deliveredIn: string;
  @Column(QUANTITY) deliveredOut: string;
}

/** What one match currently adds to the flow cells (see BalanceRegionContribution). */
@Entity({ name: 'balance_flow_contributions' })
export class BalanceFlowContribution {
  @PrimaryColumn({ type: 'uuid' })
  sourceId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  originCode: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  destinationCode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  commodityCode: string;

  @PrimaryColumn({ type: 'date' })
  weekStart: string;

  @Column({ type: 'varchar', length: 8, nullable: false })
  level: BalanceLevel;

  @Column(QUANTITY) proposed: string;
  @Column(QUANTITY) confirmed: string;
  @Column(QUANTITY) delivered: string;
}

/**
 * One row per listing, request or match the balance has seen: the lock that serialises two
 * workers refreshing the same source (SELECT ... FOR UPDATE), so that both cannot apply the same
 * difference.
 */
@Entity({ name: 'balance_sources' })
export class BalanceSource {
  @PrimaryColumn({ type: 'uuid' })
  sourceId: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  sourceType: 'listing' | 'request' | 'match';

  @Column({ type: 'timestamptz', nullable: false })
  refreshedAt: Date;
}
