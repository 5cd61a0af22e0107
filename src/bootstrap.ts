import { INestApplication, INestApplicationContext, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
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

export const API_PREFIX = 'api/v1';

/** Builds (but does not listen) the HTTP app for role `api` or `all`. Used by main.ts and tests. */
export async function createHttpApp(role: Exclude<AppRole, 'worker'>): Promise<INestApplication> {
  const rootModule: Type = role === 'all' ? AppModule : ApiModule;
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    bufferLogs: true,
    bodyParser: false,
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
  app.use(bodyShapeGuard);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      { path: 'admin/queues', method: RequestMethod.ALL },
      { path: 'admin/queues/{*path}', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jembatan API')
      .setDescription(
        'Matches agricultural supply in one Indonesian region with demand in another. ' +
          'Errors answer {statusCode, code, message, details?, correlationId}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

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
