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
import { Organization } from '../organization.entity';
import type { OrganizationRole } from '../user.entity';

/** An owner's emailed invitation to join the organization; its token is stored by SHA-256 only. */
@Entity({ name: 'invitations' })
@Check(`"role" IN ('owner', 'member')`)
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** Lower-cased, as users' emails are. */
  @Column({ type: 'varchar', length: 320, nullable: false })
  email: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  role: OrganizationRole;

  /** The inviting owner; not a foreign key, so the record outlives a removed owner. */
  @Column({ type: 'uuid', nullable: true })
  invitedByUserId: string | null;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: false })
  tokenHash: string;

  @Column({ type: 'timestamptz', nullable: false })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
