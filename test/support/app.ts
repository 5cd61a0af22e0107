import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createHttpApp, createWorker } from '../../src/bootstrap';
import { sharedMailSink } from './mail-sink';

export interface TestApi {
  app: INestApplication;
  http: TestAgent;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The real HTTP app (API role) on the test database; requests go through supertest. Its emails
 * go to the process's SMTP sink (test/support/mail-sink.ts).
 */
export async function startApi(role: 'api' | 'all' = 'api'): Promise<TestApi> {
  await sharedMailSink();
  const app = await createHttpApp(role);
  return {
    app,
    http: request.agent(app.getHttpServer()),
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

export async function startWorker(): Promise<INestApplicationContext> {
  return createWorker();
}

/** Runs fn with some environment variables changed, restoring them afterwards. */
export async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
