import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const MESSAGE_STATUSES = [
  'pending',
  'sent',
  'delivered',
  'read',
  'failed',
  'skipped',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * One outbound WhatsApp or SMS message and its fate: the organization's delivery log. The unique
 * key (source, user, channel) makes it once per event, recipient and channel, however often the
 * event is handled; the send job's id is the row's id.
 */
@Entity({ name: 'channel_messages' })
@Index('channel_messages_once', ['sourceKey', 'userId', 'channel'], { unique: true })
@Index('channel_messages_provider_id', ['channel', 'providerMessageId'], {
  unique: true,
  where: `"provider_message_id" IS NOT NULL`,
})
@Index(['organizationId', 'createdAt', 'id'])
@Check(`"channel" IN ('whatsapp', 'sms')`)
@Check(`"status" IN ('pending', 'sent', 'delivered', 'read', 'failed', 'skipped')`)
export class ChannelMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @Column({ type: 'uuid', nullable: false })
  userId: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  phone: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  channel: 'whatsapp' | 'sms';

  /** What caused it: `<event id>-<type>` for a notification, `inbound-<id>` for a reply. */
  @Column({ type: 'varchar', length: 200, nullable: false })
  sourceKey: string;

  /** The template kind (message-templates.ts). */
  @Column({ type: 'varchar', length: 40, nullable: false })
  kind: string;

  /** The rendered message (text, WhatsApp template and buttons). */
  @Column({ type: 'jsonb', nullable: false })
  content: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'pending' })
  status: MessageStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'integer', nullable: false, default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The WhatsApp message this SMS replaces after it failed. */
  @Column({ type: 'uuid', nullable: true })
  fallbackOf: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
