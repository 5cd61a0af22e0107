import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    mailDir: string;
  }
}

const root = resolve(import.meta.dirname, '..', '..');

async function waitUntilReady(url: string, app: ChildProcess, deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`Jembatan exited (${app.exitCode}); see .e2e/jembatan.log`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Jembatan was not ready at ${url} within ${deadlineMs / 1000} s`);
}

/**
 * The real platform for the browser tests: a fresh database, the console built, Jembatan (API and
 * worker in one process, as `npm start` runs it) serving it, and the mail sink whose files the
 * tests read as a person reads an inbox.
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.E2E_PORT ?? 3111);
  const databaseUrl =
    process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jembatan_e2e_web';
  const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2611);
  const work = join(root, '.e2e');
  const mailDir = join(work, 'mail');
  rmSync(mailDir, { recursive: true, force: true });
  mkdirSync(mailDir, { recursive: true });

  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(root, 'web'), stdio: 'inherit' });
  execFileSync(
    'npx',
    ['ts-node', '--transpile-only', '-e', "require('./test/support/environment').resetDatabase(process.env.DATABASE_URL, { fastCommits: true }).then(() => process.exit(0))"],
    { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } },
  );

  const { startMailSink } = (await import(join(root, 'scripts', 'mail-sink.mjs'))) as {
    startMailSink: (o: { port: number; dir: string }) => Promise<{ close: (cb: () => void) => void }>;
  };
  const sink = await startMailSink({ port: smtpPort, dir: mailDir });

  const log = openSync(join(work, 'jembatan.log'), 'w');
  const baseUrl = `http://localhost:${port}`;
  const app = spawn('node', ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: root,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      APP_ROLE: 'all',
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: process.env.E2E_REDIS_PREFIX ?? 'jembatan-e2e-web',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PUBLIC_BASE_URL: baseUrl,
      LOG_LEVEL: 'warn',
      // The stories register and sign in a few dozen times; a standard hash costs ~190 ms of
      // CPU each (src/accounts/auth/password-hashing.ts). Accepted only with NODE_ENV=test.
      PASSWORD_HASH_COST: 'fast',
    },
  });
  try {
    await waitUntilReady(`${baseUrl}/health/ready`, app, 240_000);
  } catch (error) {
    app.kill('SIGTERM');
    sink.close(() => undefined);
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('mailDir', mailDir);

  return async () => {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    await new Promise<void>((r) => sink.close(() => r()));
  };
}
