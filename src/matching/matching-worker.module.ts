import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxWorkerModule } from '../outbox/outbox-worker.module';
import { QueueModule } from '../queue/queue.module';
import { DisruptionsModule } from '../network/disruptions.module';
import { ReferenceModule } from '../reference/reference.module';
import { ExpiryService } from './expiry.service';
import { MaintenanceProcessor } from './maintenance.processor';
import { MatchingEngineRunner } from './matching-engine.runner';
import { MatchingProcessor } from './matching.processor';
import { MatchingService } from './matching.service';
import { NetworkDisruptionHandler } from './network-disruption.handler';
import { ReoptimizeScheduler } from './reoptimize.scheduler';
import { TransportNetworkProvider } from '../reference/transport-network.provider';
import { MarketLedgerModule } from '../market/market-ledger.module';
import { LiveMarkets } from './live/live-markets.service';
import { MarketLeases } from './live/market-leases';

/** Worker side of matching: scheduling, running and persisting re-optimisations, and expiry. */
@Module({
  imports: [
    MarketLedgerModule,
    QueueModule,
    ReferenceModule,
    DisruptionsModule,
    OutboxModule,
    OutboxWorkerModule,
  ],
  providers: [
    TransportNetworkProvider,
    MatchingEngineRunner,
    MatchingService,
    MarketLeases,
    LiveMarkets,
    ReoptimizeScheduler,
    MatchingProcessor,
    ExpiryService,
    MaintenanceProcessor,
    NetworkDisruptionHandler,
  ],
  exports: [MatchingService, LiveMarkets, ReoptimizeScheduler, ExpiryService],
})
export class MatchingWorkerModule {}
