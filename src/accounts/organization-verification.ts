import type { EntityManager } from 'typeorm';
import { queryReturning } from '../common/query-returning';

/**
 * Records an administrator's verification decision on an organization (accounts owns the
 * `organizations` table; the admin folder decides and audits). Conditional on the status being
 * different, so that two administrators deciding at once change it once: undefined when it
 * already had that status or does not exist.
 */
export async function recordVerificationStatus(
  manager: EntityManager,
  organizationId: string,
  status: 'verified' | 'rejected',
): Promise<{ id: string; name: string } | undefined> {
  const [changed] = await queryReturning<{ id: string; name: string }>(
    manager,
    `UPDATE organizations SET verification_status = $2
      WHERE id = $1 AND verification_status <> $2 RETURNING id, name`,
    [organizationId, status],
  );
  return changed;
}
