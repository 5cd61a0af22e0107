import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { ReferenceModule } from '../reference/reference.module';
import { DealsController } from './deals.controller';
import { DecisionsService } from './decisions.service';
import { TradesService } from './trades.service';
import { MarketLedgerModule } from '../market/market-ledger.module';

@Module({
  imports: [MarketLedgerModule, OutboxModule, ReferenceModule],
  controllers: [DealsController],
  providers: [DecisionsService, TradesService],
})
export class DealsModule {}
