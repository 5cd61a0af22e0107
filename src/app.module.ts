import { Module } from '@nestjs/common';
import { ApiModule } from './api.module';
import { WorkerModule } from './worker.module';

/** API and worker in one process, for a single machine (`npm start`). */
@Module({ imports: [ApiModule, WorkerModule] })
export class AppModule {}
