import { Module } from '@nestjs/common';
import { NotificationsWorkerModule } from '../notifications/notifications-worker.module';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxWorkerModule } from '../outbox/outbox-worker.module';
import { AgreementMonitor } from './agreements/agreement.monitor';
import { HorizonRoller } from './standing-orders/horizon.roller';
import { HorizonTimer } from './standing-orders/horizon.timer';
import { MarketLedgerModule } from '../market/market-ledger.module';

/**
 * Worker side of the programme rails: keeps the standing orders' horizon rolling, and watches
 * agreements (their steps and periods falling behind).
 */
@Module({
  imports: [MarketLedgerModule, OutboxModule, OutboxWorkerModule, NotificationsWorkerModule],
  providers: [HorizonRoller, HorizonTimer, AgreementMonitor],
  exports: [HorizonRoller, AgreementMonitor],
})
export class ProgrammesWorkerModule {}
