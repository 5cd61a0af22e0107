import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A trader's standing interest: proposals in scope become opportunity.matched notifications. */
@Entity({ name: 'watchlists' })
@Index(['commodityCode'])
@Index(['organizationId', 'createdAt', 'id'])
export class Watchlist {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  /** Province (`35`) or region (`35.07`) code; null for anywhere. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  originCode: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  destinationCode: string | null;

  @Column({ type: 'integer', nullable: true })
  minQuantity: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
