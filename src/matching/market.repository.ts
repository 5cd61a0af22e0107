import { EntityManager } from 'typeorm';
import { epochMillis } from '../common/epoch-millis';
import { periodStart } from '../agreements/agreement-periods';
import type { EngineAgreement, EngineListing, EngineRequest, RouteFootprint } from './engine';
import {
  engineListing,
  engineRequest,
  type ListingRow,
  type OrganizationTrust,
  type RequestRow,
} from './engine-inputs';

export interface HeldQuantities {
  byListing: Map<string, number>;
  byRequest: Map<string, number>;
}

type WithTrust<T> = T & OrganizationTrust;

/** The reference ceiling of a destination, for buyers whose policy caps them at it (#12). */
export type CeilingLookup = (destinationRegionCode: string) => number | null;

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
  /** Its route as places and services (matching-run.ts routeKey), read as text, not legs. */
  routeKey: string;
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
      `SELECT ${PROPOSAL_COLUMNS} FROM matches
        WHERE commodity_code = $1 AND status = 'proposed' ORDER BY id`,
      [commodityCode],
    );
  }

  /**
   * The whole open market of one commodity as a run reads it: the proposals in play, then the
   * open listings and requests with the held proposals' quantities out of play.
   */
  async openMarket(query: OpenMarketQuery): Promise<OpenMarket> {
    const proposals = await this.liveProposals(query.commodityCode);
    const held = heldQuantities(proposals);
    const { commodityCode, grades, now, ceilingFor } = query;
    return {
      proposals,
      listings: await this.openListings(commodityCode, grades, held.byListing, now),
      requests: await this.openRequests(commodityCode, grades, held.byRequest, now, ceilingFor),
    };
  }

  /**
   * The snapshot of this statement and the transaction's own id if it has one: what a later
   * changesSince tells changes from (a change is new when its transaction was not visible in the
   * snapshot, or is this one: a snapshot shows its own transaction's writes as visible, and a run
   * writes proposals after it loads).
   */
  async changeSnapshot(): Promise<ChangeMark> {
    const [row] = await this.manager.query<ChangeMark[]>(
      `SELECT pg_current_snapshot()::text AS snapshot, pg_current_xact_id_if_assigned()::text AS own`,
    );
    return row;
  }

  /**
   * The listing, request, match and organization rows of one commodity's market changed by
   * transactions not visible in `since` (market_changes, written by triggers), and the mark of
   * the same statement: every change visible in it is among those returned.
   */
  async changesSince(commodityCode: string, since: ChangeMark): Promise<MarketChangeSet> {
    const rows = await this.manager.query<
      { snapshot: string; own: string | null; kind: string | null; rowId: string | null }[]
    >(
      `SELECT s.snapshot, s.own, c.kind, c.row_id AS "rowId"
         FROM (SELECT pg_current_snapshot()::text AS snapshot,
                      pg_current_xact_id_if_assigned()::text AS own) s
         LEFT JOIN market_changes c
           ON (c.commodity_code = $1 OR c.commodity_code IS NULL)
          AND ((c.xid >= pg_snapshot_xmin($2::pg_snapshot)
                AND NOT pg_visible_in_snapshot(c.xid, $2::pg_snapshot))
               OR c.xid = $3::xid8)`,
      [commodityCode, since.snapshot, since.own],
    );
    const changes: MarketChangeSet = {
      mark: { snapshot: rows[0].snapshot, own: rows[0].own },
      truncated: false,
      listings: new Set(),
      requests: new Set(),
      matches: new Set(),
      organizations: new Set(),
    };
    const byKind: Record<string, Set<string>> = {
      listing: changes.listings,
      request: changes.requests,
      match: changes.matches,
      organization: changes.organizations,
    };
    for (const { kind, rowId } of rows) {
      if (kind === null) continue; // the mark's own row, when nothing changed
      if (kind === 'truncate' || rowId === null) changes.truncated = true;
      else byKind[kind]?.add(rowId);
    }
    return changes;
  }

  /** Deletes the change log's entries older than `keptMs`; how many. */
  async pruneChanges(keptMs: number): Promise<number> {
    const [, deleted] = await this.manager.query<[unknown, number]>(
      `DELETE FROM market_changes WHERE logged_at < now() - make_interval(secs => $1)`,
      [keptMs / 1000],
    );
    return deleted;
  }

  /** These matches of the commodity as they are now, and whether each is still in play. */
  async proposalsById(
    commodityCode: string,
    ids: readonly string[],
  ): Promise<(LiveProposal & { live: boolean })[]> {
    return this.manager.query(
      `SELECT ${PROPOSAL_COLUMNS}, status = 'proposed' AS live FROM matches
        WHERE commodity_code = $1 AND id = ANY($2)`,
      [commodityCode, ids],
    );
  }

  /**
   * Per commodity, where the open market's goods are (origin and remaining quantity of each open
   * listing) and go (each destination of its open requests, once): the routes a network version
   * must have ready (RouteTable.prepare); and how many requests are open, for the market's size.
   * Two queries for all commodities.
   */
  async routeFootprint(now: Date): Promise<Map<string, RouteFootprint & { openRequests: number }>> {
    const [listings, requests] = await Promise.all([
      this.manager.query<
        { commodityCode: string; originRegionCode: string; remainingQuantity: number }[]
      >(
        `SELECT commodity_code AS "commodityCode", origin_region_code AS "originRegionCode",
                remaining_quantity AS "remainingQuantity"
           FROM supply_listings
          WHERE status = 'open' AND remaining_quantity > 0 AND available_until > $1`,
        [now],
      ),
      this.manager.query<
        {
          commodityCode: string;
          destinationRegionCode: string;
          remainingQuantity: number;
          openRequests: number;
        }[]
      >(
        `SELECT DISTINCT ON (commodity_code, destination_region_code)
                commodity_code AS "commodityCode", destination_region_code AS "destinationRegionCode",
                remaining_quantity AS "remainingQuantity",
                count(*) OVER (PARTITION BY commodity_code)::int AS "openRequests"
           FROM demand_requests
          WHERE status = 'open' AND remaining_quantity > 0 AND deliver_by > $1`,
        [now],
      ),
    ]);
    const footprint = new Map<
      string,
      {
        listings: RouteFootprint['listings'][number][];
        requests: RouteFootprint['requests'][number][];
        openRequests: number;
      }
    >();
    const of = (code: string) => {
      let entry = footprint.get(code);
      if (!entry) footprint.set(code, (entry = { listings: [], requests: [], openRequests: 0 }));
      return entry;
    };
    for (const l of listings) {
      of(l.commodityCode).listings.push({
        originRegionCode: l.originRegionCode,
        remainingQuantity: Number(l.remainingQuantity),
      });
    }
    for (const r of requests) {
      of(r.commodityCode).openRequests = r.openRequests;
      of(r.commodityCode).requests.push({
        destinationRegionCode: r.destinationRegionCode,
        remainingQuantity: Number(r.remainingQuantity),
      });
    }
    return footprint;
  }

  async openListings(
    commodityCode: string,
    grades: readonly string[],
    held: Map<string, number>,
    now: Date,
  ): Promise<EngineListing[]> {
    const rows: WithTrust<ListingRow>[] = await this.manager.query(
      `SELECT ${LISTING_COLUMNS}
         FROM supply_listings l JOIN organizations o ON o.id = l.organization_id
        WHERE l.commodity_code = $1 AND l.status = 'open' AND l.remaining_quantity > 0
          AND l.available_until > $2
        ORDER BY l.id`,
      [commodityCode, now],
    );
    return rows
      .map((r) => engineListing(r, grades, r, held.get(r.id)))
      .filter((l) => l.remainingQuantity > 0);
  }

  /**
   * These listings of the commodity, and those of these organizations, as they are now: in the
   * open market (`listing`, held quantities out of play) or not (null).
   */
  async listingsById(
    commodityCode: string,
    ids: readonly string[],
    organizationIds: readonly string[],
    grades: readonly string[],
    held: Map<string, number>,
    now: Date,
  ): Promise<{ id: string; listing: EngineListing | null }[]> {
    const rows: (WithTrust<ListingRow> & { open: boolean })[] = await this.manager.query(
      `SELECT ${LISTING_COLUMNS},
              l.status = 'open' AND l.remaining_quantity > 0 AND l.available_until > $4 AS open
         FROM supply_listings l JOIN organizations o ON o.id = l.organization_id
        WHERE l.commodity_code = $1 AND (l.id = ANY($2) OR l.organization_id = ANY($3))`,
      [commodityCode, ids, organizationIds, now],
    );
    return rows.map((r) => {
      const listing = r.open ? engineListing(r, grades, r, held.get(r.id)) : null;
      return { id: r.id, listing: listing && listing.remainingQuantity > 0 ? listing : null };
    });
  }

  async openRequests(
    commodityCode: string,
    grades: readonly string[],
    held: Map<string, number>,
    now: Date,
    ceilingFor?: CeilingLookup,
  ): Promise<EngineRequest[]> {
    const rows: RequestRowWithPolicy[] = await this.manager.query(
      `SELECT ${REQUEST_COLUMNS}
         FROM demand_requests r JOIN organizations o ON o.id = r.organization_id
        WHERE r.commodity_code = $1 AND r.status = 'open' AND r.remaining_quantity > 0
          AND r.deliver_by > $2
        ORDER BY r.id`,
      [commodityCode, now],
    );
    return rows
      .map((r) => requestOfRow(r, grades, held, ceilingFor))
      .filter((r) => r.remainingQuantity > 0);
  }

  /** These requests of the commodity, and those of these organizations (see listingsById). */
  async requestsById(
    commodityCode: string,
    ids: readonly string[],
    organizationIds: readonly string[],
    grades: readonly string[],
    held: Map<string, number>,
    now: Date,
    ceilingFor?: CeilingLookup,
  ): Promise<{ id: string; request: EngineRequest | null }[]> {
    const rows: (RequestRowWithPolicy & { open: boolean })[] = await this.manager.query(
      `SELECT ${REQUEST_COLUMNS},
              r.status = 'open' AND r.remaining_quantity > 0 AND r.deliver_by > $4 AS open
         FROM demand_requests r JOIN organizations o ON o.id = r.organization_id
        WHERE r.commodity_code = $1 AND (r.id = ANY($2) OR r.organization_id = ANY($3))`,
      [commodityCode, ids, organizationIds, now],
    );
    return rows.map((r) => {
      const request = r.open ? requestOfRow(r, grades, held, ceilingFor) : null;
      return { id: r.id, request: request && request.remainingQuantity > 0 ? request : null };
    });
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
  async organizationTrust(organizationId: string): Promise<OrganizationTrust> {
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

type RequestRowWithPolicy = WithTrust<RequestRow> & { priceCeilingPolicy: string };

function requestOfRow(
  r: RequestRowWithPolicy,
  grades: readonly string[],
  held: Map<string, number>,
  ceilingFor: CeilingLookup | undefined,
): EngineRequest {
  return {
    ...engineRequest(r, grades, r, held.get(r.id)),
    // A buyer whose policy caps it at the reference ceiling (#12) carries that ceiling (the key
    // even when no reference is in force: OpenMarketCache refreshes the ceilings it finds).
    ...(r.priceCeilingPolicy === 'reference_ceiling' && ceilingFor
      ? { referenceCeilingPerUnit: ceilingFor(r.destinationRegionCode) }
      : {}),
  };
}

/**
 * How long market_changes keeps an entry: well past the longest an owner's copy of the market
 * goes without a full load (OPEN_MARKET_FULL_LOAD_EVERY_MS, 10 minutes; the recovery sweep's
 * check reads everything every minute), so that no copy needs an entry already pruned. An entry
 * is stamped with its transaction's start: one an hour long would be pruned as it commits, and
 * read only by the next full load.
 */
export const MARKET_CHANGES_KEPT_MS = 60 * 60_000;

/** One commodity's open market as a run reads it (MarketRepository.openMarket). */
export interface OpenMarket {
  /** Proposals in play: both sides pending, or one side accepted (held). */
  proposals: LiveProposal[];
  /** Open listings and requests, held proposals' quantities out of play. */
  listings: EngineListing[];
  requests: EngineRequest[];
}

export interface OpenMarketQuery {
  commodityCode: string;
  grades: readonly string[];
  now: Date;
  ceilingFor: CeilingLookup;
}

/** Where a reader of market_changes stands: its snapshot, and its transaction if it had an id. */
export interface ChangeMark {
  snapshot: string;
  own: string | null;
}

/** What changed in one commodity's market since a mark (MarketRepository.changesSince). */
export interface MarketChangeSet {
  /** Where these changes were read: the next changesSince's `since`. */
  mark: ChangeMark;
  /** A market table was truncated: nothing short of a full load tells what is left. */
  truncated: boolean;
  listings: Set<string>;
  requests: Set<string>;
  matches: Set<string>;
  organizations: Set<string>;
}

const PROPOSAL_COLUMNS = `id, supply_listing_id AS "supplyListingId", demand_request_id AS "demandRequestId",
  quantity, quantity_delivered AS "quantityDelivered", price_per_unit AS "pricePerUnit",
  transport_mode AS "transportMode", landed_cost_per_unit AS "landedCostPerUnit",
  -- routeKey of matching-run.ts, the same text: the route's legs are not parsed here
  (SELECT coalesce(string_agg(
            concat(leg->>'from', '>', leg->>'to', ':', leg->>'service'), '|' ORDER BY n), '')
     FROM jsonb_array_elements(route) WITH ORDINALITY AS legs(leg, n)) AS "routeKey",
  supplier_decision AS "supplierDecision",
  buyer_decision AS "buyerDecision", supplier_organization_id AS "supplierOrganizationId",
  buyer_organization_id AS "buyerOrganizationId", agreement_id AS "agreementId"`;

const LISTING_COLUMNS = `l.id, l.organization_id AS "organizationId", l.commodity_code AS "commodityCode",
  l.grade, l.remaining_quantity AS "remainingQuantity",
  l.min_order_quantity AS "minOrderQuantity", l.price_per_unit AS "pricePerUnit",
  l.origin_region_code AS "originRegionCode",
  ${epochMillis('l.available_from')} AS "availableFrom",
  ${epochMillis('l.available_until')} AS "availableUntil",
  ${epochMillis('l.harvested_at')} AS "harvestedAt",
  o.verification_status = 'verified' AS "organizationVerified",
  o.verified_counterparts_only AS "verifiedCounterpartsOnly"`;

const REQUEST_COLUMNS = `r.id, r.organization_id AS "organizationId", r.commodity_code AS "commodityCode",
  r.min_grade AS "minGrade", r.remaining_quantity AS "remainingQuantity",
  r.max_price_per_unit AS "maxPricePerUnit",
  r.destination_region_code AS "destinationRegionCode",
  ${epochMillis('r.deliver_from')} AS "deliverFrom",
  ${epochMillis('r.deliver_by')} AS "deliverBy",
  r.min_shelf_life_days_on_arrival AS "minShelfLifeDaysOnArrival",
  r.cold_storage AS "coldStorage",
  o.verification_status = 'verified' AS "organizationVerified",
  o.verified_counterparts_only AS "verifiedCounterpartsOnly",
  o.price_ceiling_policy AS "priceCeilingPolicy"`;

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
