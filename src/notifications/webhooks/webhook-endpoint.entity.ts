import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'webhook_endpoints' })
@Index(['organizationId', 'createdAt', 'id'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: false })
  organizationId: string;

  @Column({ type: 'varchar', length: 2000, nullable: false })
  url: string;

  /** `whsec_` + base64 key (Standard Webhooks); shown once, on creation. */
  @Column({ type: 'varchar', length: 100, nullable: false })
  secret: string;

  @Column({ type: 'text', array: true, nullable: false })
  eventTypes: string[];

  @Column({ type: 'boolean', nullable: false, default: true })
  enabled: boolean;

  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  /** Deliveries that ended in failure in a row; a long run disables the endpoint. */
  @Column({ type: 'integer', nullable: false, default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
