import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RationingPolicy } from '../engine';

/**
 * How a commodity's shortages are shared, as an administrator set it (matching owns this table).
 * A commodity without a row has its default: `fair` for staples (DEFAULT_FAIR_COMMODITIES),
 * `max-gain` otherwise. The id names the row in the outbox and the audit log (uuid columns).
 */
@Entity({ name: 'commodity_rationing_policies' })
@Check('commodity_rationing_policies_policy', `"policy" IN ('fair', 'max-gain')`)
export class CommodityRationingPolicy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('commodity_rationing_policies_commodity', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  policy: RationingPolicy;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
