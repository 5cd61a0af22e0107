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
 * Creates something the organization may hold at most `limit` of, refusing (422, naming the cap)
 * past it. Runs inside the transaction that inserts: `create` inserts first, then a
 * transaction-scoped advisory lock per (cap, organization) makes concurrent creations take turns
 * and the count, a statement after the lock, sees the new row and every creation that took its
 * turn before (they committed to release it), so parallel requests cannot all count "under the
 * cap" (PostgreSQL settles it, not a read followed by a write in application code). A refusal
 * throws, and the transaction rolls the new row back with whatever `create` wrote. Inserting
 * before the turn keeps the turn to the count and the commit, which is all one organization's
 * concurrent posts wait for; the order is fixed here so that no caller can count first.
 */
export async function createWithinCap<T>(
  manager: EntityManager,
  organizationId: string,
  { cap, countSql, what }: CapCount,
  limit: number,
  create: () => Promise<T>,
): Promise<T> {
  const created = await create();
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `cap:${cap}:${organizationId}`,
  ]);
  const [{ n }] = await manager.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (${countSql}) AS counted`,
    [organizationId],
  );
  if (n > limit) throw capReached(cap, limit, what);
  return created;
}

export function capReached(cap: keyof TenantCaps, limit: number, what: string): DomainError {
  const message = `Your organization already has ${limit} ${what}, the most allowed (${cap}); remove one first`;
  return new DomainError(422, 'TENANT_CAP_REACHED', message, [{ field: cap, message }]);
}
