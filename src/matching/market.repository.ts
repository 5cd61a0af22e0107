import { EntityManager } from 'typeorm';
import { periodStart } from '../agreements/agreement-periods';
import type { EngineAgreement, EngineListing, EngineRequest } from './engine';
import type { TransportLeg } from '../logistics/logistics.types';

export interface HeldQuantities {
  byListing: Map<string, number>;
  byRequest: Map<string, number>;
}

interface ListingRow {
  id: string;
  organization_id: string;
  grade: string | null;
  remaining_quantity: number;
  min_order_quantity: number | null;
  price_per_unit: number;
  origin_region_code: string;
  available_from: Date;
  available_until: Date;
  harvested_at: Date | null;
  organization_verified: boolean;
  verified_counterparts_only: boolean;
}

interface RequestRow {
  id: string;
  organization_id: string;
  min_grade: string | null;
  remaining_quantity: number;
  max_price_per_unit: number;
  destination_region_code: string;
  deliver_from: Date | null;
  deliver_by: Date;
  min_shelf_life_days_on_arrival: number;
  organization_verified: boolean;
  verified_counterparts_only: boolean;
}

export interface LiveProposal {
  id: string;
  supplyListingId: string;
  demandRequestId: string;
  /** Shipped units (the listing's side). */
  quantity: number;
  pricePerUnit: number;
  /** Delivered units (the request's side). */
  quantityDelivered: number;
  transportMode: string;
  /** What the proposal told both parties: the route and its landed cost per delivered unit. */
  landedCostPerUnit: number;
  route: readonly TransportLeg[];
  supplierDecision: string;
  buyerDecision: string;
  supplierOrganizationId: string;
  buyerOrganizationId: string;
  agreementId: string | null;
}

/**
 * The SQL of a matching run: the open market of one commodity, the proposals in play and the
 * agreements in force. Each is one query; nothing runs per row.
 */
export class MarketRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Serialises runs of one commodity across every worker process, until the transaction ends. */
  async lockCommodity(commodityCode: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext('matching'), hashtext($1))`, [
      commodityCode,
    ]);
  }

  async liveProposals(commodityCode: string): Promise<LiveProposal[]> {
    return this.manager.query(
      `SELECT id, supply_listing_id AS "supplyListingId", demand_request_id AS "demandRequestId",
              quantity, quantity_delivered AS "quantityDelivered", price_per_unit AS "pricePerUnit",
              transport_mode AS "transportMode", landed_cost_per_unit AS "landedCostPerUnit", route,
              supplier_decision AS "supplierDecision",
              buyer_decision AS "buyerDecision", supplier_organization_id AS "supplierOrganizationId",
              buyer_organization_id AS "buyerOrganizationId", agreement_id AS "agreementId"
         FROM matches WHERE commodity_code = $1 AND status = 'proposed'
        ORDER BY id`,
      [commodityCode],
    );
  }

  async openListings(
    commodityCode: string,
    grades: readonly string[],
    held: Map<string, number>,
    now: Date,
  ): Promise<EngineListing[]> {
    const rows: ListingRow[] = await this.manager.query(
      `SELECT l.id, l.organization_id, l.grade, l.remaining_quantity, l.min_order_quantity, l.price_per_unit,
              l.origin_region_code, l.available_from, l.available_until, l.harvested_at,
              o.verification_status = 'verified' AS organization_verified,
              o.verified_counterparts_only
         FROM supply_listings l JOIN organizations o ON o.id = l.organization_id
        WHERE l.commodity_code = $1 AND l.status = 'open' AND l.remaining_quantity > 0
          AND l.available_until > $2
        ORDER BY l.id`,
      [commodityCode, now],
    );
    return rows
      .map((r) => ({
        id: r.id,
        commodityCode,
        gradeRank: r.grade === null ? 0 : Math.max(0, grades.indexOf(r.grade)),
        remainingQuantity: r.remaining_quantity - (held.get(r.id) ?? 0),
        minOrderQuantity: r.min_order_quantity ?? 0,
        pricePerUnit: r.price_per_unit,
        originRegionCode: r.origin_region_code,
        availableFrom: r.available_from.getTime(),
        availableUntil: r.available_until.getTime(),
        harvestedAt: (r.harvested_at ?? r.available_from).getTime(),
        organizationVerified: r.organization_verified,
        verifiedCounterpartsOnly: r.verified_counterparts_only,
        organizationId: r.organization_id,
      }))
      .filter((l) => l.remainingQuantity > 0);
  }

  async openRequests(
    commodityCode: string,
    grades: readonly string[],
    held: Map<string, number>,
    now: Date,
  ): Promise<EngineRequest[]> {
    const rows: RequestRow[] = await this.manager.query(
      `SELECT r.id, r.organization_id, r.min_grade, r.remaining_quantity, r.max_price_per_unit,
              r.destination_region_code, r.deliver_from, r.deliver_by,
              r.min_shelf_life_days_on_arrival,
              o.verification_status = 'verified' AS organization_verified,
              o.verified_counterparts_only
         FROM demand_requests r JOIN organizations o ON o.id = r.organization_id
        WHERE r.commodity_code = $1 AND r.status = 'open' AND r.remaining_quantity > 0
          AND r.deliver_by > $2
        ORDER BY r.id`,
      [commodityCode, now],
    );
    return rows
      .map((r) => ({
        id: r.id,
        commodityCode,
        minGradeRank: r.min_grade === null ? 0 : Math.max(0, grades.indexOf(r.min_grade)),
        remainingQuantity: r.remaining_quantity - (held.get(r.id) ?? 0),
        maxPricePerUnit: r.max_price_per_unit,
        destinationRegionCode: r.destination_region_code,
        deliverFrom: r.deliver_from?.getTime() ?? null,
        deliverBy: r.deliver_by.getTime(),
        minShelfLifeDaysOnArrival: r.min_shelf_life_days_on_arrival,
        organizationVerified: r.organization_verified,
        verifiedCounterpartsOnly: r.verified_counterparts_only,
        organizationId: r.organization_id,
      }))
      .filter((r) => r.remainingQuantity > 0);
  }

  async agreementsInForce(commodityCode: string, now: Date): Promise<EngineAgreement[]> {
    const rows: {
      id: string;
      region_codes: string[];
      priority_bonus_per_unit: number;
      price_floor_per_unit: number | null;
      price_ceiling_per_unit: number | null;
      shortfall_penalty_per_unit: number | null;
      committed: number | null;
      used: string;
    }[] = await this.manager.query(
      // Only agreements in force (a two-party one once accepted) whose governments are verified
      // now: one whose verification is withdrawn stops steering the market at the next run. A
      // committed volume counts what this period already holds: confirmed trades and proposals
      // one side accepted (open proposals are decided again by the run itself).
      `SELECT a.id, a.region_codes, a.priority_bonus_per_unit, a.price_floor_per_unit,
              a.price_ceiling_per_unit, a.shortfall_penalty_per_unit,
              (SELECT (c->>'quantityPerPeriod')::int FROM jsonb_array_elements(a.commitments) c
                WHERE c->>'commodityCode' = $1) AS committed,
              (SELECT COALESCE(sum(m.quantity_delivered), 0)
                 FROM matches m LEFT JOIN trades t ON t.match_id = m.id
                WHERE m.agreement_id = a.id AND m.commodity_code = $1 AND m.created_at >= $3
                  AND ((m.status = 'confirmed' AND t.status NOT IN ('cancelled', 'failed'))
                       OR (m.status = 'proposed'
                           AND (m.supplier_decision <> 'pending' OR m.buyer_decision <> 'pending'))))
                AS used
         FROM agreements a JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN organizations c ON c.id = a.counterpart_organization_id
        WHERE $1 = ANY(a.commodity_codes) AND a.valid_from <= $2 AND a.valid_until >= $2
          AND a.status = 'in_force' AND o.verification_status = 'verified'
          AND (a.counterpart_organization_id IS NULL OR c.verification_status = 'verified')
        ORDER BY a.id`,
      [commodityCode, now, periodStart(now)],
    );
    return rows.map((r) => ({
      id: r.id,
      regionCodes: r.region_codes,
      bonusPerUnit: r.priority_bonus_per_unit,
      commodityCodes: [commodityCode],
      priceFloorPerUnit: r.price_floor_per_unit,
      priceCeilingPerUnit: r.price_ceiling_per_unit,
      commitment:
        r.committed !== null && r.shortfall_penalty_per_unit !== null
          ? {
              remainingQuantity: Math.max(0, r.committed - Number(r.used)),
              shortfallPenaltyPerUnit: r.shortfall_penalty_per_unit,
            }
          : null,
    }));
  }

  /** The trust flags an organization's listings and requests carry into the engine. */
  async organizationTrust(
    organizationId: string,
  ): Promise<{ organizationVerified: boolean; verifiedCounterpartsOnly: boolean }> {
    const [row] = await this.manager.query<
      { organization_verified: boolean; verified_counterparts_only: boolean }[]
    >(
      `SELECT verification_status = 'verified' AS organization_verified, verified_counterparts_only
         FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return {
      organizationVerified: row?.organization_verified ?? false,
      verifiedCounterpartsOnly: row?.verified_counterparts_only ?? false,
    };
  }

  /** Which of these listings and requests are still open and inside their windows. */
  async stillOpen(listingIds: string[], requestIds: string[], now: Date): Promise<Set<string>> {
    const rows: { id: string }[] = await this.manager.query(
      `SELECT id FROM supply_listings WHERE id = ANY($1) AND status = 'open' AND available_until > $3
       UNION ALL
       SELECT id FROM demand_requests WHERE id = ANY($2) AND status = 'open' AND deliver_by > $3`,
      [listingIds, requestIds, now],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Organization of each listing and request, for the denormalised columns of new matches. */
  async owners(listingIds: string[], requestIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; organization_id: string }[] = await this.manager.query(
      `SELECT id, organization_id FROM supply_listings WHERE id = ANY($1)
       UNION ALL
       SELECT id, organization_id FROM demand_requests WHERE id = ANY($2)`,
      [listingIds, requestIds],
    );
    return new Map(rows.map((r) => [r.id, r.organization_id]));
  }
}

/**
 * Sums the quantities of held proposals (one side accepted): shipped units per listing, delivered
 * units per request, the units each side's remaining quantity is counted in.
 */
export function heldQuantities(proposals: LiveProposal[]): HeldQuantities {
  const byListing = new Map<string, number>();
  const byRequest = new Map<string, number>();
  for (const p of proposals) {
    if (p.supplierDecision === 'pending' && p.buyerDecision === 'pending') continue;
    byListing.set(p.supplyListingId, (byListing.get(p.supplyListingId) ?? 0) + p.quantity);
    byRequest.set(p.demandRequestId, (byRequest.get(p.demandRequestId) ?? 0) + p.quantityDelivered);
  }
  return { byListing, byRequest };
}
