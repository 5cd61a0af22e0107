import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One event as one organization receives it. The unique key (event, organization) makes the
 * fan-out idempotent: a retried or duplicated job inserts nothing twice. `seq` orders the inbox
 * and is the id of the live stream's messages (Last-Event-ID resumes after it).
 */
@Entity({ name: 'notifications' })
@Index('notifications_once_per_event_and_organization', ['eventId', 'organizationId'], {
  unique: true,
})
@Index(['organizationId', 'seq'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', generated: 'increment', nullable: false })
  seq: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @Column({ type: 'uuid', nullable: false })
  eventId: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  type: string;

  @Column({ type: 'jsonb', nullable: false })
  data: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
