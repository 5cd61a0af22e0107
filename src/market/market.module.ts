import { DynamicModule, Module, Type } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { ReferenceModule } from '../reference/reference.module';
import { DemandRequestsController } from './demand/demand-requests.controller';
import { DemandRequestsService } from './demand/demand-requests.service';
import { SupplyListingsController } from './supply/supply-listings.controller';
import { SupplyListingsService } from './supply/supply-listings.service';
import { MarketLedgerModule } from './market-ledger.module';

/**
 * Listings and requests over HTTP. Their writes ask matching whether a row can ever be matched
 * and which proposals an edit breaks (MarketChecks); the composition root passes the module that
 * provides it, so that market never imports matching.
 */
@Module({})
export class MarketModule {
  static withChecks(checks: Type<unknown>): DynamicModule {
    return {
      module: MarketModule,
      imports: [MarketLedgerModule, ReferenceModule, OutboxModule, checks],
      controllers: [SupplyListingsController, DemandRequestsController],
      providers: [SupplyListingsService, DemandRequestsService],
      exports: [SupplyListingsService, DemandRequestsService],
    };
  }
}
