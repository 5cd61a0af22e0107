import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MarketLedger } from '../market/market.ledger';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';
import { MatchRepository } from './match.repository';

export interface ExpirySummary {
  listings: number;
  requests: number;
  proposals: number;
}

/**
 * Expires what time has overtaken: listings whose shipping window closed, requests whose
 * delivery date passed, and proposals nobody finished answering in time. Each expiry writes its
 * event in the same transaction; the events re-optimise the commodities concerned.
 */
@Injectable()
export class ExpiryService {
  private readonly logger = new Logger(ExpiryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly ledger: MarketLedger,
  ) {}

  async expireDue(): Promise<ExpirySummary> {
    return this.dataSource.transaction(async (manager) => {
      const { listings, requests } = await this.ledger.expireDue(manager);
      const proposals = await new MatchRepository(manager).expireDue();
      await this.outbox.append(manager, [
        ...listings.map((r) => DomainEvents.supplyListingExpired(r)),
        ...requests.map((r) => DomainEvents.demandRequestExpired(r)),
        ...proposals.map((r) => DomainEvents.matchExpired(r)),
      ]);
      const summary = {
        listings: listings.length,
        requests: requests.length,
        proposals: proposals.length,
      };
      if (summary.listings + summary.requests + summary.proposals > 0)
        this.logger.log(summary, 'expired');
      return summary;
    });
  }
}
