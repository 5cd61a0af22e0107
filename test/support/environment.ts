import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { migrateAndSeed } from '../../src/database/migrate';

/**
 * A test database does not wait for each commit's WAL flush (about 1.3 ms a commit on this
 * machine, and the suite commits tens of thousands of times). Only what a server crash would lose
 * changes: every committed row is visible to every other session at once, as before. Never for a
 * benchmark's database: its latencies must include what production pays.
 */
const TEST_COMMITS = (database: string) =>
  `ALTER DATABASE "${database}" SET synchronous_commit = off`;

/**
 * A fresh database for tests and benchmarks: dropped, created, migrated and seeded. Shared by
 * the jest global setup and the benchmarks, so that each runs against the real schema;
 * `fastCommits` for tests only (see TEST_COMMITS).
 */
export async function resetDatabase(
  databaseUrl: string,
  { fastCommits = false }: { fastCommits?: boolean } = {},
): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  if (fastCommits) await admin.query(TEST_COMMITS(name));
  await admin.end();

  const dataSource = await new DataSource(dataSourceOptions({ databaseUrl })).initialize();
  await migrateAndSeed(dataSource);
  await dataSource.destroy();
}

/** Deletes every key of one BullMQ prefix (a test's or a benchmark's key space). */
export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

/** Name of a test file's own database, cloned from the run's template (at most 63 bytes). */
export function fileDatabaseName(templateName: string, testPath: string): string {
  return `${fileDatabasePrefix(templateName)}${shortHash(testPath)}`;
}

const fileDatabasePrefix = (templateName: string) => `${templateName.slice(0, 40)}__f_`;

/** A test file's own Redis key prefix (BullMQ queues, rate limits, stream slots). */
export function fileRedisPrefix(basePrefix: string, testPath: string): string {
  return `${basePrefix}-f${shortHash(testPath)}`;
}

function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

async function withAdmin<T>(databaseUrl: string, fn: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({
    connectionString: Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

const nameOf = (databaseUrl: string) => decodeURIComponent(new URL(databaseUrl).pathname.slice(1));

/**
 * A copy of the migrated and seeded template (a file copy in PostgreSQL, no migration run),
 * replacing whatever an earlier run left under that name.
 */
export async function cloneDatabase(templateUrl: string, targetUrl: string): Promise<void> {
  await withAdmin(templateUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${nameOf(targetUrl)}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${nameOf(targetUrl)}" TEMPLATE "${nameOf(templateUrl)}"`);
    // A clone does not inherit its template's settings.
    await admin.query(TEST_COMMITS(nameOf(targetUrl)));
  });
}

/** Drops every test file's clone of this template (before a run, and after it). */
export async function dropFileDatabases(templateUrl: string): Promise<void> {
  await withAdmin(templateUrl, async (admin) => {
    const rows = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [fileDatabasePrefix(nameOf(templateUrl))],
    );
    for (const { datname } of rows.rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

/** Deletes the keys of every test file's own prefix (see fileRedisPrefix). */
export async function clearFileRedisPrefixes(redisUrl: string, basePrefix: string): Promise<void> {
  await clearRedisPrefix(redisUrl, `${basePrefix}-f*`);
}
