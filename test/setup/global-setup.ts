import 'reflect-metadata';
import {
  clearFileRedisPrefixes,
  clearRedisPrefix,
  dropFileDatabases,
  resetDatabase,
} from '../support/environment';

const TEST_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jembatan_test';
const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TEST_REDIS_PREFIX = process.env.REDIS_PREFIX ?? 'jembatan-test';

/**
 * A fresh test database, migrated and seeded: the template each test file clones into a database
 * of its own (test/setup/file-database.ts). Clones and key spaces of an earlier run are removed.
 */
export default async function globalSetup(): Promise<void> {
  await dropFileDatabases(TEST_DATABASE_URL);
  await resetDatabase(TEST_DATABASE_URL, { fastCommits: true });
  await clearRedisPrefix(TEST_REDIS_URL, TEST_REDIS_PREFIX);
  await clearFileRedisPrefixes(TEST_REDIS_URL, TEST_REDIS_PREFIX);
}
