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
import { User } from '../user.entity';

export const ACCOUNT_TOKEN_PURPOSES = ['verify_email', 'password_reset'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** An emailed single-use token, stored by SHA-256 only, with an expiry. */
@Entity({ name: 'account_tokens' })
@Check(`"purpose" IN ('verify_email', 'password_reset')`)
export class AccountToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid', nullable: false })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 32, nullable: false })
  purpose: AccountTokenPurpose;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: false })
  tokenHash: string;

  @Column({ type: 'timestamptz', nullable: false })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
