import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { TransportNetworkProvider } from '../matching/transport-network.provider';
import { ReferenceModule } from '../reference/reference.module';
import { DemandRequestsController } from './demand/demand-requests.controller';
import { DemandRequestsService } from './demand/demand-requests.service';
import { MarketFeasibility } from './market.feasibility';
import { SupplyListingsController } from './supply/supply-listings.controller';
import { SupplyListingsService } from './supply/supply-listings.service';
import { MarketLedgerModule } from './market-ledger.module';

@Module({
  imports: [MarketLedgerModule, ReferenceModule, OutboxModule],
  controllers: [SupplyListingsController, DemandRequestsController],
  // Its own network provider (a cache of the reference tables), so that market writes do not
  // depend on the matching module.
  providers: [
    SupplyListingsService,
    DemandRequestsService,
    MarketFeasibility,
    TransportNetworkProvider,
  ],
  exports: [SupplyListingsService, DemandRequestsService],
})
export class MarketModule {}
