import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The short code people type for a proposal (`TERIMA 4821`): four digits, unique among the
 * organization's codes in use. A code is released when its proposal is no longer open, so that
 * four digits last; the partial unique index settles two allocations racing for one code.
 */
@Entity({ name: 'proposal_codes' })
@Index('proposal_codes_once_per_match', ['organizationId', 'matchId'], { unique: true })
@Index('proposal_codes_in_use', ['organizationId', 'code'], {
  unique: true,
  where: `"released_at" IS NULL`,
})
export class ProposalCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @Column({ type: 'uuid', nullable: false })
  matchId: string;

  @Column({ type: 'varchar', length: 4, nullable: false })
  code: string;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
