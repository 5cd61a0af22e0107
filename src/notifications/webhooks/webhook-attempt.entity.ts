import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The delivery log: every attempt, its outcome and how long it took. */
@Entity({ name: 'webhook_attempts' })
@Index(['deliveryId', 'attemptNumber'], { unique: true })
export class WebhookAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  deliveryId: string;

  @Column({ type: 'integer', nullable: false })
  attemptNumber: number;

  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer', nullable: false })
  durationMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
