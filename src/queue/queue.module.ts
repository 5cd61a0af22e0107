import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QUEUES } from './job-catalog';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { JobQueue } from './job-queue';
import { QueueErrorLogger } from './queue-error.logger';
import { redisOptions } from './redis-connection';

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.redisUrl, 'blocking-worker'),
        prefix: config.redisPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  providers: [QueueErrorLogger, JobQueue],
  exports: [BullModule, JobQueue],
})
export class QueueModule {}
