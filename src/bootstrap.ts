import { INestApplication, INestApplicationContext, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './common/api-docs';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ApiModule } from './api.module';
import { AppModule } from './app.module';
import { bodyShapeGuard } from './common/body-shape.guard';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { correlationMiddleware } from './common/request-context';
import { createValidationPipe } from './common/validation';
import { httpMetricsMiddleware } from './observability/http-metrics.middleware';
import { APP_CONFIG, AppConfig, AppRole } from './config/app-config';
import { prepareDatabase } from './database/database.module';
import { WorkerModule } from './worker.module';
import { serveConsole } from './web-console';

export const API_PREFIX = 'api/v1';

/** Everything under /api/v1 but the probes, the scrape endpoint and the queue board. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      { path: 'admin/queues', method: RequestMethod.ALL },
      { path: 'admin/queues/{*path}', method: RequestMethod.ALL },
    ],
  });
}

/** Builds (but does not listen) the HTTP app for role `api` or `all`. Used by main.ts and tests. */
export async function createHttpApp(role: Exclude<AppRole, 'worker'>): Promise<INestApplication> {
  const rootModule: Type = role === 'all' ? AppModule : ApiModule;
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    bufferLogs: true,
    bodyParser: false,
    // req.rawBody: WhatsApp and SMS callbacks are signed over the exact bytes received.
    rawBody: true,
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware);
  // Swagger UI needs inline scripts and styles; everything else gets helmet's strict defaults.
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false });
  // The largest legitimate body (a listing with 2,000 characters of notes) is a few kB.
  app.useBodyParser('json', { limit: '100kb' });
  // Price-panel exports (POST /admin/price-observations): a year of a province's panel is ~1 MB.
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '5mb' });
  app.use(bodyShapeGuard);
  setApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  serveConsole(app, config.webDistDir);
  // Built on the first request for it, not at boot: scanning every route costs a few hundred
  // milliseconds of CPU, paid by every app a test file starts (the drift check builds it too).
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
  });

  await prepareDatabase(app.get(DataSource), config);
  await app.init();
  return app;
}

/** Builds and starts the worker: relay and processors, no HTTP. */
export async function createWorker(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await prepareDatabase(app.get(DataSource), app.get<AppConfig>(APP_CONFIG));
  await app.init();
  return app;
}
