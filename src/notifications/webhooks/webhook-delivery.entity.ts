import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event to one endpoint; unique per (endpoint, event), so it is never delivered twice. */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_once_per_endpoint_and_event', ['endpointId', 'eventId'], {
  unique: true,
})
@Index(['endpointId', 'createdAt', 'id'])
@Check(`"status" IN ('pending', 'succeeded', 'failed')`)
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  endpointId: string;

  /** The webhook-id header: the same on every retry, so receivers can deduplicate. */
  @Column({ type: 'uuid', nullable: false })
  eventId: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  eventType: string;

  /** The exact JSON body sent on every attempt (signatures cover it byte for byte). */
  @Column({ type: 'text', nullable: false })
  body: string;

  @Column({ type: 'varchar', length: 16, nullable: false, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', nullable: false, default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
