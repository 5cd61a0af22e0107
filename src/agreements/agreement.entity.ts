import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An inter-regional cooperation agreement (kerja sama antar daerah). Pairs of listings and
 * requests between its two regions, for its commodities, get its bonus added to their gain.
 * A province code covers every regency and city in it.
 */
@Entity({ name: 'agreements' })
@Index(['validFrom', 'validUntil'])
@Check(`"valid_from" <= "valid_until"`)
@Check(`"priority_bonus_per_unit" >= 0`)
@Check(`cardinality("region_codes") = 2`)
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
