import 'reflect-metadata';
import { createWorker } from './bootstrap';
import { ConfigError } from './config/app-config';

/** Worker entry point: the outbox relay and every job processor; serves no HTTP. */
createWorker().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
