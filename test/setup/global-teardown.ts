import { clearFileRedisPrefixes, dropFileDatabases } from '../support/environment';

/** The test files' clones and key spaces are of no use after the run: free the disk and memory. */
export default async function globalTeardown(): Promise<void> {
  await dropFileDatabases(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jembatan_test',
  );
  await clearFileRedisPrefixes(
    process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    process.env.REDIS_PREFIX ?? 'jembatan-test',
  );
}
