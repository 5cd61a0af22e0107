import type { EntityManager } from 'typeorm';
import type { EngineExclusions } from '../engine';
import { DeclineReason, MatchExclusion } from './exclusion.entity';
import { declineStillHolds, PAIR_TERMS_SQL, pairTerms, PairTermsRow } from './exclusion-rules';

export interface NewExclusion {
  organizationId: string;
  counterpartOrganizationId: string;
  reason: DeclineReason;
  note?: string | null;
  commodityCode: string;
  supplyListingId: string;
  demandRequestId: string;
  matchId?: string | null;
  tradeId?: string | null;
}

/**
 * The SQL of exclusions, joined to the caller's transaction: written when a party declines or a
 * trade is cancelled or fails (deals), read by every matching run. The one owner of the
 * match_exclusions table besides the HTTP reads in ExclusionsService.
 */
export class ExclusionsStore {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Remembers a declined pair with the terms it was declined on; a `partner` reason excludes the
   * counterpart organization instead of the one pair.
   */
  async record(exclusion: NewExclusion): Promise<MatchExclusion> {
    const partner = exclusion.reason === 'partner';
    const [row] = partner
      ? [null]
      : await this.manager.query<PairTermsRow[]>(
          `SELECT ${PAIR_TERMS_SQL} FROM supply_listings l, demand_requests r
            WHERE l.id = $1 AND r.id = $2`,
          [exclusion.supplyListingId, exclusion.demandRequestId],
        );
    return this.manager.save(
      this.manager.create(MatchExclusion, {
        organizationId: exclusion.organizationId,
        counterpartOrganizationId: exclusion.counterpartOrganizationId,
        kind: partner ? 'partner' : 'pair',
        reason: exclusion.reason,
        note: exclusion.note ?? null,
        commodityCode: exclusion.commodityCode,
        supplyListingId: exclusion.supplyListingId,
        demandRequestId: exclusion.demandRequestId,
        matchId: exclusion.matchId ?? null,
        tradeId: exclusion.tradeId ?? null,
        terms: row ? pairTerms(row) : null,
        liftedAt: null,
      }),
    );
  }

  /**
   * What the engine may not propose in one commodity now: the declined pairs of its open market
   * whose relevant terms are unchanged since the decline, and every partner exclusion in force
   * (they span commodities, and are few).
   */
  async inForce(commodityCode: string): Promise<EngineExclusions> {
    const pairRows = await this.manager.query<
      (PairTermsRow & {
        supply_listing_id: string;
        demand_request_id: string;
        reason: DeclineReason;
        terms: MatchExclusion['terms'];
        declined_by_supplier: boolean;
      })[]
    >(
      `SELECT e.supply_listing_id, e.demand_request_id, e.reason, e.terms,
              e.organization_id = l.organization_id AS declined_by_supplier, ${PAIR_TERMS_SQL}
         FROM match_exclusions e
         JOIN supply_listings l ON l.id = e.supply_listing_id AND l.status = 'open'
         JOIN demand_requests r ON r.id = e.demand_request_id AND r.status = 'open'
        WHERE e.commodity_code = $1 AND e.kind = 'pair' AND e.lifted_at IS NULL`,
      [commodityCode],
    );
    const organizationPairs = await this.manager.query<
      { organizationId: string; counterpartOrganizationId: string }[]
    >(
      `SELECT DISTINCT organization_id AS "organizationId",
              counterpart_organization_id AS "counterpartOrganizationId"
         FROM match_exclusions WHERE kind = 'partner' AND lifted_at IS NULL`,
    );
    return {
      pairs: pairRows
        .filter(
          (row) =>
            row.terms &&
            declineStillHolds(
              row.reason,
              row.terms,
              pairTerms(row),
              row.declined_by_supplier ? 'supplier' : 'buyer',
            ),
        )
        .map((row) => ({ listingId: row.supply_listing_id, requestId: row.demand_request_id })),
      organizationPairs,
    };
  }
}
