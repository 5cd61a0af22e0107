import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The first response to a POST sent with an `Idempotency-Key`, so that a client's retry gets
 * the same answer instead of a second effect. Keys are scoped to the organization (or, for
 * public routes, the caller's address) and kept at least 24 hours.
 */
@Entity({ name: 'idempotency_keys' })
@Index('idempotency_keys_once_per_scope', ['scope', 'key'], { unique: true })
@Index(['createdAt'])
@Check(`"status" IN ('in_flight', 'completed')`)
export class IdempotencyKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100, nullable: false })
  scope: string;

  @Column({ type: 'varchar', length: 200, nullable: false })
  key: string;

  /** sha256 of method, path and body: the same key with another request is refused. */
  @Column({ type: 'char', length: 64, nullable: false })
  requestHash: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  status: 'in_flight' | 'completed';

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
