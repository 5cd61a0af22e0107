import 'reflect-metadata';
import { clearRedisPrefix, resetDatabase } from '../support/environment';

const TEST_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jembatan_test';
const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TEST_REDIS_PREFIX = process.env.REDIS_PREFIX ?? 'jembatan-test';

/** A fresh test database, migrated and seeded, and an empty test key space in Redis. */
export default async function globalSetup(): Promise<void> {
  await resetDatabase(TEST_DATABASE_URL);
  await clearRedisPrefix(TEST_REDIS_URL, TEST_REDIS_PREFIX);
}
