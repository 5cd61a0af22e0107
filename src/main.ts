import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { setFlagsFromString } from 'node:v8';
import { createHttpApp, createWorker } from './bootstrap';
import { APP_CONFIG, AppConfig, ConfigError, loadConfig } from './config/app-config';

/**
 * Entry point. APP_ROLE=api serves HTTP only, APP_ROLE=worker runs the worker only (see
 * worker.ts), and the default `all` runs both in one process for a single machine.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Set before the worker allocates: V8 reads it at each full collection (see the config).
  if (config.role !== 'api' && config.heapGrowingPercent > 0) {
    setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);
  }
  if (config.role === 'worker') {
    await createWorker();
    return;
  }
  const app = await createHttpApp(config.role);
  const { port } = app.get<AppConfig>(APP_CONFIG);
  await app.listen(port);
  new Logger('Main').log(
    `Jembatan ${config.role} listening on http://localhost:${port} (docs at /docs)`,
  );
}

main().catch((error: unknown) => {
  // Config errors name the bad variables; print them plainly, without a stack.
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
