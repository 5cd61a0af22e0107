import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'organization.verified',
  'organization.rejected',
  'administrator.granted',
  'administrator.revoked',
  'network.closed',
  'network.reopened',
  // A new revision of a service-network row (#10): created, updated, deactivated, reactivated.
  'network.service_created',
  'network.service_updated',
  'network.service_deactivated',
  'network.service_reactivated',
  // A reference price version entered by an administrator (#12).
  'price_reference.created',
  'commodity.rationing_set',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  'organization',
  'user',
  'network_closure',
  'service_network_row',
  'price_reference',
  'rationing_policy',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/**
 * What administrators did, who did it and when: append-only. No foreign keys on purpose: an
 * entry outlives the user and the organization it names, and `actorLabel` keeps who acted
 * as they were then (their email, or the operator of the command line).
 */
@Entity({ name: 'audit_log' })
@Index(['createdAt', 'id'])
@Index(['targetType', 'targetId', 'createdAt'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null when the action came from the command line, which has no platform user. */
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 320, nullable: false })
  actorLabel: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  action: AuditAction;

  @Column({ type: 'varchar', length: 32, nullable: false })
  targetType: AuditTargetType;

  @Column({ type: 'uuid', nullable: false })
  targetId: string;

  /** The target as it was named then: the organization's name or the user's email. */
  @Column({ type: 'varchar', length: 320, nullable: false })
  targetLabel: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
