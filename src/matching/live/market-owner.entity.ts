import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who owns a commodity's live market (matching owns this table; src/matching/live/market-lease.repository.ts
 * writes it). One row per commodity ever owned: the owner's id, a fencing token that grows by one
 * at every change of owner, and when the lease lapses unless renewed. A matching run locks its
 * commodity's row and checks the token in the transaction that writes proposals, so a worker that
 * lost the lease (paused, partitioned, too slow to renew) can no longer write.
 */
@Entity({ name: 'market_owners' })
export class MarketOwner {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  commodityCode: string;

  /** The worker process holding the lease (host, pid and a random part: see MarketLeases). */
  @Column({ type: 'varchar', length: 200, nullable: false })
  ownerId: string;

  @Column({ type: 'integer', nullable: false })
  token: number;

  @Column({ type: 'timestamptz', nullable: false })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: false, default: () => 'now()' })
  acquiredAt: Date;
}
