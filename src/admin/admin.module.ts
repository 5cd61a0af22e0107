import { ExpressAdapter } from '@bull-board/express';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { BullBoardModule, BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { OutboxModule } from '../outbox/outbox.module';
import { QUEUES } from '../queue/job-catalog';
import { QueueModule } from '../queue/queue.module';
import { AdminController } from './admin.controller';
import { adminOnly } from './admin-only.middleware';
import { AdministratorGuard } from './administrator.guard';
import { Administrators } from './administrators.service';
import { AuditLog } from './audit-log.service';
import { OrganizationReview } from './organization-review.service';

export const ADMIN_QUEUES_ROUTE = '/admin/queues';

/**
 * Platform administration: the verification queue, administrators and the audit log under
 * /api/v1/admin, and Bull Board at /admin/queues (every queue, its jobs, failures and their
 * errors), read-only. Read-only because the database rows are the truth and the recovery sweeper
 * re-enqueues lost work: nobody needs to pause, clean or add jobs by hand, and those actions
 * (pausing matching stops the platform) would bypass the domain and its audit log.
 */
@Module({
  imports: [
    QueueModule,
    OutboxModule,
    BullBoardModule.forRootAsync({
      imports: [AccountsModule],
      inject: [JwtService, getDataSourceToken()],
      useFactory: (jwt: JwtService, dataSource: DataSource) => ({
        route: ADMIN_QUEUES_ROUTE,
        // The express adapter class satisfies the server adapter contract; its typings lag behind.
        adapter: ExpressAdapter as unknown as BullBoardModuleOptions['adapter'],
        middleware: adminOnly(jwt, dataSource),
      }),
    }),
    ...Object.values(QUEUES).map((name) =>
      BullBoardModule.forFeature({ name, adapter: BullMQAdapter, options: { readOnlyMode: true } }),
    ),
  ],
  controllers: [AdminController],
  providers: [Administrators, AuditLog, OrganizationReview, AdministratorGuard],
})
export class AdminModule {}
