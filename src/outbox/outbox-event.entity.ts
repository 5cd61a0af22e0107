import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change that caused it. The relay
 * publishes unpublished rows to BullMQ with job id = event id, then stamps publishedAt.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_unpublished', ['createdAt'], { where: '"published_at" IS NULL' })
@Index('outbox_events_unprocessed', ['publishedAt'], { where: '"processed_at" IS NULL' })
export class OutboxEvent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  type: string;

  @Column({ type: 'varchar', length: 32, nullable: false })
  aggregateType: string;

  @Index()
  @Column({ type: 'uuid', nullable: false })
  aggregateId: string;

  @Column({ type: 'jsonb', nullable: false })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 100, nullable: true })
  correlationId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /**
   * Set when a worker has handled the event. An event published but never processed (its job
   * was lost with a Redis that restarted empty) is published again by the relay.
   */
  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
