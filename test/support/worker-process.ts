import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A real worker process (src/worker.ts under ts-node), sharing the test database and Redis prefix. */
export function spawnWorker(env: Record<string, string> = {}): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/worker.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Its log (stdout, at the test's LOG_LEVEL: warnings and errors) beside its stderr: a fault
  // test that fails must show what the workers saw (a job failed for good, a lease lost).
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) =>
      process.stderr.write(`[worker ${child.pid}] ${chunk.toString()}`),
    );
  }
  return child;
}

export async function stopWorker(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
