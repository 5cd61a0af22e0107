import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { ReferenceModule } from '../reference/reference.module';
import { DemandRequestsController } from './demand/demand-requests.controller';
import { DemandRequestsService } from './demand/demand-requests.service';
import { SupplyListingsController } from './supply/supply-listings.controller';
import { SupplyListingsService } from './supply/supply-listings.service';

@Module({
  imports: [ReferenceModule, OutboxModule],
  controllers: [SupplyListingsController, DemandRequestsController],
  providers: [SupplyListingsService, DemandRequestsService],
  exports: [SupplyListingsService, DemandRequestsService],
})
export class MarketModule {}
