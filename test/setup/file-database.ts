/**
 * Each integration or e2e test file gets a database of its own, cloned from the migrated and
 * seeded one that the global setup prepared (`CREATE DATABASE ... TEMPLATE`, a file copy: no
 * migration per file), and a Redis key prefix of its own. Files can then run in parallel across
 * jest workers without seeing each other's rows or jobs. Runs after the environment (jest
 * setupFilesAfterEnv), before the test file is loaded: the file, its apps and the worker
 * processes it spawns all read the clone's DATABASE_URL and REDIS_PREFIX from process.env.
 */
import { relative } from 'node:path';
import {
  cloneDatabase,
  clearRedisPrefix,
  fileDatabaseName,
  fileRedisPrefix,
} from '../support/environment';

const testPath = relative(process.cwd(), expect.getState().testPath ?? 'unknown');
const templateUrl = process.env.DATABASE_URL!;
const url = new URL(templateUrl);
url.pathname = `/${fileDatabaseName(decodeURIComponent(url.pathname.slice(1)), testPath)}`;
const prefix = fileRedisPrefix(process.env.REDIS_PREFIX!, testPath);

process.env.DATABASE_URL = url.toString();
process.env.REDIS_PREFIX = prefix;

beforeAll(async () => {
  await cloneDatabase(templateUrl, process.env.DATABASE_URL!);
  await clearRedisPrefix(process.env.REDIS_URL!, prefix);
}, 120_000);
