import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message a person sent us. The unique (channel, provider message id) is what makes a provider
 * that delivers the same message five times decide once: only the first insert gets a row.
 */
@Entity({ name: 'channel_inbound_messages' })
@Index('channel_inbound_once', ['channel', 'providerMessageId'], { unique: true })
@Check(`"status" IN ('received', 'processed')`)
export class InboundMessageRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  channel: 'whatsapp' | 'sms';

  @Column({ type: 'varchar', length: 200, nullable: false })
  providerMessageId: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  phone: string;

  @Column({ type: 'text', nullable: false })
  text: string;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'received' })
  status: 'received' | 'processed';

  /** What it did, for the log: `accepted`, `not_found`, `unknown_sender`... */
  @Column({ type: 'varchar', length: 40, nullable: true })
  outcome: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
