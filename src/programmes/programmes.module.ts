import { Module } from '@nestjs/common';
import { MarketFeasibility } from '../matching/market.feasibility';
import { TransportNetworkProvider } from '../reference/transport-network.provider';
import { OutboxModule } from '../outbox/outbox.module';
import { ReferenceModule } from '../reference/reference.module';
import { HorizonRoller } from './standing-orders/horizon.roller';
import { StandingOrdersController } from './standing-orders/standing-orders.controller';
import { StandingOrdersService } from './standing-orders/standing-orders.service';
import { MarketLedgerModule } from '../market/market-ledger.module';

/** HTTP side of the programme rails (#12): standing orders and forward supply. */
@Module({
  imports: [MarketLedgerModule, ReferenceModule, OutboxModule],
  controllers: [StandingOrdersController],
  providers: [StandingOrdersService, HorizonRoller, MarketFeasibility, TransportNetworkProvider],
  exports: [HorizonRoller],
})
export class ProgrammesModule {}
