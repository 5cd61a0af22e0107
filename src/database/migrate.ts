import { DataSource } from 'typeorm';
import { seedPriceReferences } from '../prices/price-reference.seeder';
import { seedReferenceData, SeedCounts } from '../reference/reference.seeder';

/** Any fixed 64-bit key: every process of every role that boots takes the same lock. */
const MIGRATION_LOCK_KEY = 7_352_011_870;

/**
 * Migrations and reference seeding run under a session advisory lock, so that an API and three
 * workers starting together do not race each other: the first migrates, the rest wait and find
 * nothing to do.
 */
export async function migrateAndSeed(
  dataSource: DataSource,
): Promise<SeedCounts & { priceReferences: number }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
      return await dataSource.transaction(async (manager) => ({
        ...(await seedReferenceData(manager)),
        // Reference prices (#12) name commodities and regions: seeded after them.
        priceReferences: await seedPriceReferences(manager),
      }));
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
