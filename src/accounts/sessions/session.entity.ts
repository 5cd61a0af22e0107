import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../user.entity';

/**
 * One signed-in device: a family of refresh tokens, each replacing the one before. Access tokens
 * name their session, so revoking it (logout, reuse detected, password changed) stops them too.
 */
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid', nullable: false })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 500, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Updated on each refresh, not on each request (a write per request would cost too much). */
  @Column({ type: 'timestamptz', nullable: false })
  lastUsedAt: Date;

  /** When the newest refresh token stops working; each refresh moves it forward. */
  @Column({ type: 'timestamptz', nullable: false })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** logout, revoked, password_changed, password_reset, refresh_token_reused */
  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;
}
