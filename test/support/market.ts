import type { DataSource } from 'typeorm';

/**
 * Takes everything earlier tests left open out of the market, so that a matching test sees only
 * its own listings and requests (the tests of one file share its database).
 */
export async function clearMarket(dataSource: DataSource): Promise<void> {
  await dataSource.query(`UPDATE matches SET status = 'superseded' WHERE status = 'proposed'`);
  await dataSource.query(`UPDATE supply_listings SET status = 'withdrawn' WHERE status = 'open'`);
  await dataSource.query(`UPDATE demand_requests SET status = 'withdrawn' WHERE status = 'open'`);
}
