import { Module } from '@nestjs/common';
import { AdministratorGuard } from '../admin/administrator.guard';
import { OutboxModule } from '../outbox/outbox.module';
import { ReferenceModule } from '../reference/reference.module';
import { PriceReferencesController, PricesAdminController } from './prices.controller';
import { PricesService } from './prices.service';

/** Reference prices and price observations (#12 point 3): the API side. */
@Module({
  imports: [ReferenceModule, OutboxModule],
  controllers: [PriceReferencesController, PricesAdminController],
  providers: [PricesService, AdministratorGuard],
})
export class PricesModule {}
