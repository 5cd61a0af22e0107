import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Region } from '../reference/region.entity';

export const ORGANIZATION_TYPES = ['cooperative', 'procurement', 'trader', 'government'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** Set by platform administrators only; counterparts always see it next to the name. */
export const VERIFICATION_STATUSES = ['unverified', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const PRICE_CEILING_POLICIES = ['none', 'reference_ceiling'] as const;
export type PriceCeilingPolicy = (typeof PRICE_CEILING_POLICIES)[number];

@Entity({ name: 'organizations' })
// The administrators' review queue: one status, newest first.
@Index(['verificationStatus', 'createdAt', 'id'])
@Check(`"type" IN ('cooperative', 'procurement', 'trader', 'government')`)
@Check(`"verification_status" IN ('unverified', 'verified', 'rejected')`)
@Check(`"price_ceiling_policy" IN ('none', 'reference_ceiling')`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200, nullable: false })
  name: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  type: OrganizationType;

  @Column({ type: 'varchar', length: 16, nullable: false })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'region_code' })
  region?: Region;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'unverified' })
  verificationStatus: VerificationStatus;

  /** The person counterparts call to arrange a confirmed trade (truck, payment). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  contactName: string | null;

  /** E.164, e.g. +6281234567890. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The organization receives proposals from verified counterparts only (its own choice). */
  @Column({ type: 'boolean', nullable: false, default: false })
  verifiedCounterpartsOnly: boolean;

  /**
   * `reference_ceiling`: the organization's requests are never proposed a landed cost above the
   * consumer-level reference ceiling (HET, or the HAP's upper bound) of their destination's zone.
   */
  @Column({ type: 'varchar', length: 32, nullable: false, default: 'none' })
  priceCeilingPolicy: PriceCeilingPolicy;
}
