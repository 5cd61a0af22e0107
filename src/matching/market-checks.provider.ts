import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MarketChecks, type MarketChange } from '../market/market-checks';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxWriter } from '../outbox/outbox.writer';
import { ReferenceModule } from '../reference/reference.module';
import { TransportNetworkProvider } from '../reference/transport-network.provider';
import { MarketFeasibility } from './market.feasibility';
import { supersedeForChange } from './proposal-supersession';

/** Matching's answers to the market's writes: feasibility at the door, supersession on edits. */
@Injectable()
export class MatchingMarketChecks extends MarketChecks {
  constructor(
    private readonly feasibility: MarketFeasibility,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  assertListingSatisfiable(
    fields: Parameters<MarketChecks['assertListingSatisfiable']>[0],
  ): Promise<void> {
    return this.feasibility.assertListingSatisfiable(fields);
  }

  assertRequestSatisfiable(
    fields: Parameters<MarketChecks['assertRequestSatisfiable']>[0],
  ): Promise<void> {
    return this.feasibility.assertRequestSatisfiable(fields);
  }

  async supersedeForChange(manager: EntityManager, change: MarketChange): Promise<void> {
    await supersedeForChange(manager, this.outbox, change);
  }
}

/**
 * Binds MarketChecks for MarketModule (`MarketModule.withChecks(MarketChecksModule)`), with its
 * own network provider (a cache of the reference tables), so that market writes do not depend on
 * the rest of the matching module.
 */
@Module({
  imports: [ReferenceModule, OutboxModule],
  providers: [
    TransportNetworkProvider,
    MarketFeasibility,
    { provide: MarketChecks, useClass: MatchingMarketChecks },
  ],
  exports: [MarketChecks],
})
export class MarketChecksModule {}
