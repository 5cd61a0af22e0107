import type { EntityManager } from 'typeorm';
import type { TenantCaps } from '../config/app-config';
import { DomainError } from './domain-error';

export interface CapCount {
  /** Which cap (its configuration name, shown to the client). */
  cap: keyof TenantCaps;
  /** Counts the organization's rows that the cap limits; `$1` is the organization id. */
  countSql: string;
  /** What is counted, for people: "webhook endpoints". */
  what: string;
}

/**
 * Refuses (422, naming the cap) when the organization holds more than `limit` of something.
 * Call it inside the transaction that inserts, AFTER the insert: the count includes the new row.
 * A transaction-scoped advisory lock per (cap, organization) makes concurrent creations take
 * turns, and the count, a statement after the lock, sees every creation that took its turn
 * before (they committed to release it), so parallel requests cannot all count "under the cap"
 * (PostgreSQL settles it, not a read followed by a write in application code). Taken after the
 * insert, the turn is only this count and the commit: 100 posts a second from one office took
 * turns through the lock, the count, two inserts and the commit before, and queued for seconds.
 */
export async function assertWithinCap(
  manager: EntityManager,
  organizationId: string,
  { cap, countSql, what }: CapCount,
  limit: number,
): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `cap:${cap}:${organizationId}`,
  ]);
  const [{ n }] = await manager.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (${countSql}) AS counted`,
    [organizationId],
  );
  if (n > limit) throw capReached(cap, limit, what);
}

export function capReached(cap: keyof TenantCaps, limit: number, what: string): DomainError {
  const message = `Your organization already has ${limit} ${what}, the most allowed (${cap}); remove one first`;
  return new DomainError(422, 'TENANT_CAP_REACHED', message, [{ field: cap, message }]);
}
