import type { EntityManager } from 'typeorm';
import { queryReturning } from '../../common/query-returning';

/** A lease as its holder knows it: the token is what fences its writes. */
export interface MarketLease {
  commodityCode: string;
  ownerId: string;
  token: number;
}

/**
 * Thrown inside a matching run when its worker no longer holds the commodity's lease: the run's
 * transaction rolls back, so nothing it computed is written.
 */
export class MarketLeaseLost extends Error {
  constructor(readonly lease: MarketLease) {
    super(`lease of ${lease.commodityCode} (token ${lease.token}) is no longer held`);
    this.name = 'MarketLeaseLost';
  }
}

/**
 * A lease's end, `$n` milliseconds from the clock: `clock_timestamp()`, not `now()` (the
 * statement's or transaction's start), since a statement may have waited on a run's row, and a
 * run fences again as it ends, tens of seconds after its start. The one rule for claim, renew
 * and fence.
 */
const leaseEnd = (param: string): string =>
  `clock_timestamp() + ${param} * interval '1 millisecond'`;

/**
 * The lease rows of `market_owners`. Leases live in PostgreSQL, not in Redis (`SET NX PX`),
 * because the fence has to hold at the moment proposals commit: a token kept in Redis can only be
 * checked before the PostgreSQL commit, and a lease lapsing between that check and the commit
 * would let two owners write. Here the run locks its commodity's row and compares the token in
 * the very transaction that writes; a takeover (which changes the token) waits on that lock, and
 * the new owner then rebuilds from what the old one committed. PostgreSQL is also the truth that
 * outlives a Redis restart, so ownership never depends on the transport.
 */
export class MarketLeaseRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Takes the lease when nobody holds it or the holder let it lapse (a new token), or renews it
   * when `ownerId` already holds it (same token). Null when another owner's lease is still running.
   * Leases run from the clock (leaseEnd) and a renewal never shortens one.
   */
  async claim(
    commodityCode: string,
    ownerId: string,
    leaseMs: number,
  ): Promise<MarketLease | null> {
    const rows = await this.manager.query<{ token: number }[]>(
      `INSERT INTO market_owners (commodity_code, owner_id, token, expires_at, acquired_at)
       VALUES ($1, $2, 1, ${leaseEnd('$3')}, now())
       ON CONFLICT (commodity_code) DO UPDATE
          SET owner_id = EXCLUDED.owner_id,
              token = CASE WHEN market_owners.owner_id = EXCLUDED.owner_id
                           THEN market_owners.token ELSE market_owners.token + 1 END,
              acquired_at = CASE WHEN market_owners.owner_id = EXCLUDED.owner_id
                           THEN market_owners.acquired_at ELSE now() END,
              expires_at = greatest(market_owners.expires_at, EXCLUDED.expires_at)
        WHERE market_owners.owner_id = EXCLUDED.owner_id OR market_owners.expires_at <= now()
       RETURNING token`,
      [commodityCode, ownerId, leaseMs],
    );
    return rows.length === 0 ? null : { commodityCode, ownerId, token: Number(rows[0].token) };
  }

  /**
   * Extends the leases still held with these tokens; returns the commodities renewed. Never
   * shortens one: a renewal (or the owner's claim) that waited on the row of a run in flight
   * comes after that run's closing fence, which may have set a later expiry.
   */
  async renew(leases: readonly MarketLease[], leaseMs: number): Promise<Set<string>> {
    if (leases.length === 0) return new Set();
    const rows = await queryReturning<{ commodity_code: string }>(
      this.manager,
      `UPDATE market_owners o
          SET expires_at = greatest(o.expires_at, ${leaseEnd('$4')})
         FROM unnest($1::text[], $2::text[], $3::int[]) AS l(commodity_code, owner_id, token)
        WHERE o.commodity_code = l.commodity_code AND o.owner_id = l.owner_id AND o.token = l.token
       RETURNING o.commodity_code`,
      [
        leases.map((l) => l.commodityCode),
        leases.map((l) => l.ownerId),
        leases.map((l) => l.token),
        leaseMs,
      ],
    );
    return new Set(rows.map((r) => r.commodity_code));
  }

  /** Gives the leases up at once (a clean shutdown): another worker takes over without waiting. */
  async release(leases: readonly MarketLease[]): Promise<void> {
    if (leases.length === 0) return;
    await this.manager.query(
      `UPDATE market_owners o SET expires_at = now()
         FROM unnest($1::text[], $2::int[]) AS l(commodity_code, token)
        WHERE o.commodity_code = l.commodity_code AND o.token = l.token AND o.owner_id = $3`,
      [leases.map((l) => l.commodityCode), leases.map((l) => l.token), leases[0].ownerId],
    );
  }

  /**
   * The fence, inside a matching run's transaction: locks the commodity's row until the run
   * commits (a takeover waits for it) and extends the lease, or throws MarketLeaseLost when the
   * token changed (someone else took over). A lapsed lease nobody took yet still fences: the
   * token is unchanged, so no other owner can have written. A run fences again as it ends
   * (MatchingService): its lease then runs from the clock at its end (leaseEnd).
   */
  async fence(lease: MarketLease, leaseMs: number): Promise<void> {
    const rows = await queryReturning<{ token: number }>(
      this.manager,
      `UPDATE market_owners
          SET expires_at = greatest(expires_at, ${leaseEnd('$4')})
        WHERE commodity_code = $1 AND owner_id = $2 AND token = $3
       RETURNING token`,
      [lease.commodityCode, lease.ownerId, lease.token, leaseMs],
    );
    if (rows.length === 0) throw new MarketLeaseLost(lease);
  }
}
