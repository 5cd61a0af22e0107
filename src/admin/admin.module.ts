import { ExpressAdapter } from '@bull-board/express';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { BullBoardModule, BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QUEUES } from '../queue/job-catalog';
import { QueueModule } from '../queue/queue.module';
import { adminOnly } from './admin-only.middleware';

export const ADMIN_QUEUES_ROUTE = '/admin/queues';

/** Bull Board for platform administrators: every queue, its jobs, failures and their errors. */
@Module({
  imports: [
    QueueModule,
    BullBoardModule.forRootAsync({
      imports: [AccountsModule],
      inject: [JwtService, getDataSourceToken(), APP_CONFIG],
      useFactory: (jwt: JwtService, dataSource: DataSource, config: AppConfig) => ({
        route: ADMIN_QUEUES_ROUTE,
        // The express adapter class satisfies the server adapter contract; its typings lag behind.
        adapter: ExpressAdapter as unknown as BullBoardModuleOptions['adapter'],
        middleware: adminOnly(jwt, dataSource, config),
      }),
    }),
    ...Object.values(QUEUES).map((name) =>
      BullBoardModule.forFeature({ name, adapter: BullMQAdapter }),
    ),
  ],
})
export class AdminModule {}
