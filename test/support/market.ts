import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { RationingPolicies } from '../../src/matching/rationing/rationing-policies.service';

/**
 * Takes everything earlier tests left open out of the market, so that a matching test sees only
 * its own listings and requests (the tests of one file share its database).
 */
export async function clearMarket(dataSource: DataSource): Promise<void> {
  await dataSource.query(`UPDATE matches SET status = 'superseded' WHERE status = 'proposed'`);
  await dataSource.query(`UPDATE supply_listings SET status = 'withdrawn' WHERE status = 'open'`);
  await dataSource.query(`UPDATE demand_requests SET status = 'withdrawn' WHERE status = 'open'`);
}

/**
 * Sets how a commodity shares a shortage, as an administrator would (audited, re-optimising).
 * Staples default to `fair` (#12); tests about behaviour on gain alone say so with `max-gain`.
 */
export async function useRationing(
  app: INestApplicationContext,
  commodityCode: string,
  policy: 'fair' | 'max-gain',
): Promise<void> {
  await app
    .get(RationingPolicies)
    .set(commodityCode, policy, { userId: null, label: 'test setup' });
}
