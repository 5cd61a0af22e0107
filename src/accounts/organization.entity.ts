import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Region } from '../reference/region.entity';

export const ORGANIZATION_TYPES = ['cooperative', 'procurement', 'trader', 'government'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

@Entity({ name: 'organizations' })
@Check(`"type" IN ('cooperative', 'procurement', 'trader', 'government')`)
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
