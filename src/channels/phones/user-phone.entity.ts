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
import { User } from '../../accounts/user.entity';

/**
 * A person's phone (one per user). It receives nothing until proven with a one-time code sent to
 * it, and then only on the channels the person opted in to (WhatsApp requires an explicit
 * opt-in; BERHENTI/STOP withdraws it, MULAI gives it back).
 */
@Entity({ name: 'user_phones' })
// A number belongs to one person: replies from it act for that person only.
@Index('user_phones_verified_number', ['phone'], {
  unique: true,
  where: `"verified_at" IS NOT NULL`,
})
@Check(`"language" IN ('id', 'en')`)
@Check(`"code_attempts" >= 0`)
export class UserPhone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid', nullable: false })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index()
  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  /** E.164, e.g. +6281234567890. */
  @Column({ type: 'varchar', length: 16, nullable: false })
  phone: string;

  /** The language of every message to this person. */
  @Column({ type: 'varchar', length: 2, nullable: false, default: 'id' })
  language: 'id' | 'en';

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  /** SHA-256 of the pending one-time code (never the code itself). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  codeHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  codeExpiresAt: Date | null;

  /** Wrong guesses of the pending code; at the limit the code is void. */
  @Column({ type: 'integer', nullable: false, default: 0 })
  codeAttempts: number;

  @Column({ type: 'boolean', nullable: false, default: false })
  whatsappOptIn: boolean;

  @Column({ type: 'boolean', nullable: false, default: false })
  smsOptIn: boolean;

  /** WhatsApp's customer-service window: free-form messages until then (24 h after their last). */
  @Column({ type: 'timestamptz', nullable: true })
  whatsappWindowUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
