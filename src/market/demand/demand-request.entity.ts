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

export const DEMAND_STATUSES = ['open', 'fulfilled', 'withdrawn', 'expired'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

@Entity({ name: 'demand_requests' })
@Index(['organizationId', 'createdAt', 'id'])
@Index(['commodityCode', 'status'])
// The tenant cap's count of an organization's open rows (common/tenant-cap.ts), inside its turn.
@Index('demand_requests_open_by_organization', ['organizationId'], { where: `"status" = 'open'` })
@Check(`"quantity" > 0 AND "remaining_quantity" >= 0 AND "remaining_quantity" <= "quantity"`)
@Check(`"status" IN ('open', 'fulfilled', 'withdrawn', 'expired')`)
@Check(`"deliver_from" IS NULL OR "deliver_from" <= "deliver_by"`)
@Check(`"min_shelf_life_days_on_arrival" >= 0`)
export class DemandRequest {
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

  /** This grade or better; null only for commodities without grades. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  minGrade: string | null;

  @Column({ type: 'integer', nullable: false })
  quantity: number;

  @Column({ type: 'integer', nullable: false })
  remainingQuantity: number;

  /** Highest landed price per unit the buyer pays at the destination. */
  @Column({ type: 'integer', nullable: false })
  maxPricePerUnit: number;

  @Column({ type: 'varchar', length: 16, nullable: false })
  destinationRegionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'destination_region_code' })
  destinationRegion?: Region;

  @Column({ type: 'timestamptz', nullable: true })
  deliverFrom: Date | null;

  @Column({ type: 'timestamptz', nullable: false })
  deliverBy: Date;

  @Column({ type: 'integer', nullable: false, default: 1 })
  minShelfLifeDaysOnArrival: number;

  /**
   * The buyer keeps the goods in cold storage on arrival: minShelfLifeDaysOnArrival counts
   * chilled days (the same fraction of life left, at the commodity's cold-chain temperature).
   */
  @Column({ type: 'boolean', nullable: false, default: false })
  coldStorage: boolean;

  @Column({ type: 'text', nullable: false, default: '' })
  notes: string;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'open' })
  status: DemandStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
