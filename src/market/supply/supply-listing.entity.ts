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
import { Commodity } from '../../reference/commodity.entity';
import { Region } from '../../reference/region.entity';

export const SUPPLY_STATUSES = ['open', 'exhausted', 'withdrawn', 'expired'] as const;
export type SupplyStatus = (typeof SUPPLY_STATUSES)[number];

@Entity({ name: 'supply_listings' })
@Index(['organizationId', 'createdAt', 'id'])
@Index(['commodityCode', 'status'])
// The tenant cap's count of an organization's open rows (common/tenant-cap.ts), inside its turn.
@Index('supply_listings_open_by_organization', ['organizationId'], { where: `"status" = 'open'` })
@Check(`"quantity" > 0 AND "remaining_quantity" >= 0 AND "remaining_quantity" <= "quantity"`)
@Check(`"status" IN ('open', 'exhausted', 'withdrawn', 'expired')`)
@Check(`"available_from" <= "available_until"`)
export class SupplyListing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  @ManyToOne(() => Commodity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'commodity_code' })
  commodity?: Commodity;

  /** Null only for commodities without grades. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  grade: string | null;

  @Column({ type: 'integer', nullable: false })
  quantity: number;

  @Column({ type: 'integer', nullable: true })
  minOrderQuantity: number | null;

  /** quantity minus what confirmed trades took; only ever changed by conditional UPDATEs. */
  @Column({ type: 'integer', nullable: false })
  remainingQuantity: number;

  @Column({ type: 'integer', nullable: false })
  pricePerUnit: number;

  @Column({ type: 'varchar', length: 16, nullable: false })
  originRegionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'origin_region_code' })
  originRegion?: Region;

  @Column({ type: 'timestamptz', nullable: false })
  availableFrom: Date;

  @Column({ type: 'timestamptz', nullable: false })
  availableUntil: Date;

  @Column({ type: 'timestamptz', nullable: true })
  harvestedAt: Date | null;

  @Column({ type: 'text', nullable: false, default: '' })
  notes: string;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'open' })
  status: SupplyStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
