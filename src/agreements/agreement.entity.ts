import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AGREEMENT_STATUSES = ['proposed', 'in_force', 'declined', 'withdrawn'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** A volume committed per period (ISO week, Monday 00:00 WIB) for one commodity. */
export interface AgreementCommitment {
  commodityCode: string;
  quantityPerPeriod: number;
}

/**
 * An inter-regional cooperation agreement (kerja sama antar daerah). Pairs of listings and
 * requests between its two regions, for its commodities, get its bonus added to their gain.
 * A province code covers every regency and city in it.
 *
 * Two-party agreements (with a counterpart government) are proposed by one government and in
 * force only once the other accepts; they may commit volumes per week (soft targets of the
 * engine, with a shortfall penalty) within a price band. A one-sided record (no counterpart) is
 * in force at once, as before. Either party ends an agreement with notice: validUntil moves to
 * the end of the notice, and nothing else changes.
 */
@Entity({ name: 'agreements' })
@Index(['validFrom', 'validUntil'])
@Check(`"valid_from" <= "valid_until"`)
@Check(`"priority_bonus_per_unit" >= 0`)
@Check(`cardinality("region_codes") = 2`)
@Check(`"status" IN ('proposed', 'in_force', 'declined', 'withdrawn')`)
@Check(
  `"price_floor_per_unit" IS NULL OR "price_ceiling_per_unit" IS NULL OR "price_floor_per_unit" <= "price_ceiling_per_unit"`,
)
@Check(`"shortfall_penalty_per_unit" IS NULL OR "shortfall_penalty_per_unit" > 0`)
@Check(`"notice_days" >= 0`)
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @Column({ type: 'varchar', length: 200, nullable: false })
  title: string;

  @Column({ type: 'text', array: true, nullable: false })
  regionCodes: string[];

  @Column({ type: 'text', array: true, nullable: false })
  commodityCodes: string[];

  @Column({ type: 'timestamptz', nullable: false })
  validFrom: Date;

  @Column({ type: 'timestamptz', nullable: false })
  validUntil: Date;

  @Column({ type: 'integer', nullable: false })
  priorityBonusPerUnit: number;

  /** The other government (two-party agreements); null for a one-sided record. */
  @Column({ type: 'uuid', nullable: true })
  counterpartOrganizationId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'in_force' })
  status: AgreementStatus;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'jsonb', nullable: false, default: () => "'[]'" })
  commitments: AgreementCommitment[];

  /** IDR per unit of committed volume not matched in a period: the engine's soft-target weight. */
  @Column({ type: 'integer', nullable: true })
  shortfallPenaltyPerUnit: number | null;

  /** Listing prices (IDR per unit) trades under the agreement may have. */
  @Column({ type: 'integer', nullable: true })
  priceFloorPerUnit: number | null;

  @Column({ type: 'integer', nullable: true })
  priceCeilingPerUnit: number | null;

  /** Days between a party's notice to end and the end. */
  @Column({ type: 'integer', nullable: false, default: 30 })
  noticeDays: number;

  @Column({ type: 'timestamptz', nullable: true })
  endNoticeAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  endNoticeByOrganizationId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A period of an agreement reported behind, once per agreement, commodity and period: both
 * governments are told, and the unique key makes every later check of the same period harmless.
 */
@Entity({ name: 'agreement_period_alerts' })
@Index(['agreementId', 'commodityCode', 'periodStart'], { unique: true })
export class AgreementPeriodAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  agreementId: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  @Column({ type: 'timestamptz', nullable: false })
  periodStart: Date;

  @Column({ type: 'integer', nullable: false })
  committed: number;

  @Column({ type: 'integer', nullable: false })
  confirmed: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
