import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryReturning } from '../database/query-returning';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';

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
  ) {}

  async expireDue(): Promise<ExpirySummary> {
    return this.dataSource.transaction(async (manager) => {
      const listings = await queryReturning<{ id: string; commodity_code: string }>(
        manager,
        `UPDATE supply_listings SET status = 'expired', updated_at = now()
          WHERE status = 'open' AND available_until <= now() RETURNING id, commodity_code`,
      );
      const requests = await queryReturning<{ id: string; commodity_code: string }>(
        manager,
        `UPDATE demand_requests SET status = 'expired', updated_at = now()
          WHERE status = 'open' AND deliver_by <= now() RETURNING id, commodity_code`,
      );
      const proposals = await queryReturning<{
        id: string;
        commodity_code: string;
        supplier_organization_id: string;
        buyer_organization_id: string;
      }>(
        manager,
        `UPDATE matches SET status = 'expired', updated_at = now()
          WHERE status = 'proposed' AND expires_at <= now()
          RETURNING id, commodity_code, supplier_organization_id, buyer_organization_id`,
      );
      await this.outbox.append(manager, [
        ...listings.map((r) =>
          DomainEvents.supplyListingExpired({ id: r.id, commodityCode: r.commodity_code }),
        ),
        ...requests.map((r) =>
          DomainEvents.demandRequestExpired({ id: r.id, commodityCode: r.commodity_code }),
        ),
        ...proposals.map((r) =>
          DomainEvents.matchExpired({
            id: r.id,
            commodityCode: r.commodity_code,
            supplierOrganizationId: r.supplier_organization_id,
            buyerOrganizationId: r.buyer_organization_id,
          }),
        ),
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
