import { Module } from '@nestjs/common';
import { OutboxWorkerModule } from '../outbox/outbox-worker.module';
import { BalanceProjector } from './balance.projector';
import { BalanceStore } from './balance.store';

/** Worker side of the regional balance: keeps the weekly aggregates current from domain events. */
@Module({
  imports: [OutboxWorkerModule],
  providers: [BalanceStore, BalanceProjector],
  exports: [BalanceStore],
})
export class BalanceWorkerModule {}
