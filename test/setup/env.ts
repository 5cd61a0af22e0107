/**
 * Tests use their own database and Redis key prefix, so they never touch a developer's data.
 * Runs before each test file (jest setupFiles); values can be overridden from the environment.
 */
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/jembatan_test';
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
process.env.REDIS_PREFIX ??= 'jembatan-test';
process.env.LOG_LEVEL ??= 'warn';
process.env.OUTBOX_POLL_MS ??= '100';
// A killed worker's live markets are taken over within seconds, not the production 30 s.
process.env.MATCHING_LEASE_MS ??= '5000';
// Migrations ran once in global setup; apps in tests skip them to boot fast.
process.env.MIGRATE_ON_BOOT ??= 'false';
// Tests register hundreds of organizations from 127.0.0.1; the limits get their own test.
process.env.RATE_LIMIT_AUTH_PER_MINUTE ??= '100000';
process.env.RATE_LIMIT_WRITES_PER_MINUTE ??= '100000';
process.env.RATE_LIMIT_READS_PER_MINUTE ??= '100000';
process.env.RATE_LIMIT_COSTLY_READS_PER_MINUTE ??= '100000';
// Tests hash well over a thousand passwords; the production cost made that a large share of the
// suite's CPU (src/accounts/auth/password-hashing.ts). Only NODE_ENV=test accepts it.
process.env.PASSWORD_HASH_COST ??= 'fast';
