import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A listing understood from a JUAL message, waiting for `YA <code>`. Confirming marks it used with
 * a conditional UPDATE, so a repeated YA posts one listing.
 */
@Entity({ name: 'sell_drafts' })
@Index('sell_drafts_open_code', ['userId', 'code'], { unique: true, where: `"used_at" IS NULL` })
export class SellDraftRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  userId: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @Column({ type: 'varchar', length: 4, nullable: false })
  code: string;

  /** The CreateSupplyListingDto to post. */
  @Column({ type: 'jsonb', nullable: false })
  listing: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: false })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
