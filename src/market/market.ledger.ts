import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryReturning } from '../common/query-returning';
import { DemandRequest } from './demand/demand-request.entity';
import { SupplyListing } from './supply/supply-listing.entity';

const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The listing's terms as a trade keeps them (camelCase, ISO 8601 UTC). */
const LISTING_TERMS = `id, grade, price_per_unit AS "pricePerUnit", quantity,
  min_order_quantity AS "minOrderQuantity", origin_region_code AS "originRegionCode",
  ${iso('available_from')} AS "availableFrom", ${iso('available_until')} AS "availableUntil",
  ${iso('harvested_at')} AS "harvestedAt"`;

const REQUEST_TERMS = `id, min_grade AS "minGrade", quantity, max_price_per_unit AS "maxPricePerUnit",
  destination_region_code AS "destinationRegionCode", ${iso('deliver_from')} AS "deliverFrom",
  ${iso('deliver_by')} AS "deliverBy",
  min_shelf_life_days_on_arrival AS "minShelfLifeDaysOnArrival", cold_storage AS "coldStorage"`;

/** The listing as it stood when a trade took from it. */
export interface ListingTermsSnapshot {
  id: string;
  grade: string | null;
  pricePerUnit: number;
  quantity: number;
  minOrderQuantity: number | null;
  originRegionCode: string;
  availableFrom: string;
  availableUntil: string;
  harvestedAt: string | null;
}

/** The request as it stood when a trade took from it. */
export interface RequestTermsSnapshot {
  id: string;
  minGrade: string | null;
  quantity: number;
  maxPricePerUnit: number;
  destinationRegionCode: string;
  deliverFrom: string | null;
  deliverBy: string;
  minShelfLifeDaysOnArrival: number;
  /** The minimum counts chilled days (cold storage at the destination); absent on older trades. */
  coldStorage?: boolean;
}

/** One movement between a listing and a request: the listing gives shipped units, the request receives delivered ones. */
export interface LedgerMovement {
  supplyListingId: string;
  /** Units leaving the listing. */
  shipped: number;
  demandRequestId: string;
  /** Units arriving at the request (shipped less the shrink on the way). */
  delivered: number;
}

/** What `take` found: null on a side that could not give the quantity (closed or too little left). */
export interface Taken {
  listing: ListingTermsSnapshot | null;
  request: RequestTermsSnapshot | null;
}

export interface MarketRowRef {
  id: string;
  commodityCode: string;
}

export type MarketSide = 'listing' | 'request';

type NewRow<T> = Omit<T, 'id' | 'remainingQuantity' | 'status' | 'createdAt' | 'updatedAt'>;
export type NewListing = NewRow<SupplyListing>;
export type NewRequest = NewRow<DemandRequest>;

const TABLE: Record<MarketSide, string> = {
  listing: 'supply_listings',
  request: 'demand_requests',
};

/**
 * The one owner of the quantities and statuses of supply listings and demand requests: every
 * change to `supply_listings` and `demand_requests` goes through here, whoever causes it (an
 * owner's edit, a confirmed or cancelled trade, expiry, a standing order). Each method runs in
 * the caller's transaction (it takes the caller's EntityManager) and settles concurrency in
 * PostgreSQL with conditional UPDATEs, never by a read followed by a write. Events stay with the
 * callers, which know why the change happened.
 */
@Injectable()
export class MarketLedger {
  /** Opens one listing with all of its quantity remaining. */
  openListing(manager: EntityManager, fields: NewListing): Promise<SupplyListing> {
    return manager.save(
      manager.create(SupplyListing, {
        ...fields,
        remainingQuantity: fields.quantity,
        status: 'open',
      }),
    );
  }

  /** Opens one request with all of its quantity remaining. */
  openRequest(manager: EntityManager, fields: NewRequest): Promise<DemandRequest> {
    return manager.save(
      manager.create(DemandRequest, {
        ...fields,
        remainingQuantity: fields.quantity,
        status: 'open',
      }),
    );
  }

  /** Opens many listings in one statement; ids in the order of `rows`. */
  async openListings(manager: EntityManager, rows: NewListing[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await manager.getRepository(SupplyListing).insert(
      rows.map((row) => ({
        ...row,
        remainingQuantity: row.quantity,
        status: 'open' as const,
      })),
    );
    return inserted.identifiers.map((i) => String(i.id));
  }

  /** Opens many requests in one statement; ids in the order of `rows`. */
  async openRequests(manager: EntityManager, rows: NewRequest[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await manager.getRepository(DemandRequest).insert(
      rows.map((row) => ({
        ...row,
        remainingQuantity: row.quantity,
        status: 'open' as const,
      })),
    );
    return inserted.identifiers.map((i) => String(i.id));
  }

  /**
   * An owner's edit of a row it has locked: new terms, and the quantity still on the market
   * (the new quantity less what trades already took, which the caller has checked).
   */
  revise<T extends SupplyListing | DemandRequest>(
    manager: EntityManager,
    current: T,
    fields: Partial<T>,
    remainingQuantity: number,
  ): Promise<T> {
    return manager.save(Object.assign(current, fields, { remainingQuantity }));
  }

  /** An owner takes its open row (locked by the caller) off the market. */
  withdraw<T extends SupplyListing | DemandRequest>(
    manager: EntityManager,
    current: T,
  ): Promise<T> {
    current.status = 'withdrawn';
    return manager.save(current);
  }

  /**
   * Confirmation of a trade: takes the shipped units from the listing and the delivered units
   * from the request, each in one conditional UPDATE (open, with at least that much left), and
   * closes a side it sells out. RETURNING reads the terms of the very rows the decrement locked,
   * what the trade is confirmed on whatever edit comes next. A side that could not give comes
   * back null and the caller must throw to roll back the side that did.
   */
  async take(manager: EntityManager, movement: LedgerMovement): Promise<Taken> {
    const listing = await queryReturning<ListingTermsSnapshot>(
      manager,
      `UPDATE supply_listings
          SET remaining_quantity = remaining_quantity - $2,
              status = CASE WHEN remaining_quantity - $2 = 0 THEN 'exhausted' ELSE status END,
              updated_at = now()
        WHERE id = $1 AND status = 'open' AND remaining_quantity >= $2
        RETURNING ${LISTING_TERMS}`,
      [movement.supplyListingId, movement.shipped],
    );
    const request = await queryReturning<RequestTermsSnapshot>(
      manager,
      `UPDATE demand_requests
          SET remaining_quantity = remaining_quantity - $2,
              status = CASE WHEN remaining_quantity - $2 = 0 THEN 'fulfilled' ELSE status END,
              updated_at = now()
        WHERE id = $1 AND status = 'open' AND remaining_quantity >= $2
        RETURNING ${REQUEST_TERMS}`,
      [movement.demandRequestId, movement.delivered],
    );
    return { listing: listing[0] ?? null, request: request[0] ?? null };
  }

  /** A cancelled trade gives its quantity back; a side it had sold out opens again. */
  async giveBack(manager: EntityManager, movement: LedgerMovement): Promise<void> {
    await manager.query(
      `UPDATE supply_listings
          SET remaining_quantity = remaining_quantity + $2,
              status = CASE WHEN status = 'exhausted' THEN 'open' ELSE status END, updated_at = now()
        WHERE id = $1`,
      [movement.supplyListingId, movement.shipped],
    );
    await manager.query(
      `UPDATE demand_requests
          SET remaining_quantity = remaining_quantity + $2,
              status = CASE WHEN status = 'fulfilled' THEN 'open' ELSE status END, updated_at = now()
        WHERE id = $1`,
      [movement.demandRequestId, movement.delivered],
    );
  }

  /** Expires the open listings whose shipping window closed and the open requests past their date. */
  async expireDue(
    manager: EntityManager,
  ): Promise<{ listings: MarketRowRef[]; requests: MarketRowRef[] }> {
    const listings = await queryReturning<MarketRowRef>(
      manager,
      `UPDATE supply_listings SET status = 'expired', updated_at = now()
          WHERE status = 'open' AND available_until <= now()
          RETURNING id, commodity_code AS "commodityCode"`,
    );
    const requests = await queryReturning<MarketRowRef>(
      manager,
      `UPDATE demand_requests SET status = 'expired', updated_at = now()
          WHERE status = 'open' AND deliver_by <= now()
          RETURNING id, commodity_code AS "commodityCode"`,
    );
    return { listings, requests };
  }

  /**
   * Withdraws the rows of one side that nothing rests on yet, in one conditional UPDATE: open,
   * nothing taken, no confirmed match and no proposal one side has accepted. Whichever of this
   * and a confirmation commits first wins; a row a trade took from is never touched.
   */
  async withdrawUntouched(
    manager: EntityManager,
    side: MarketSide,
    ids: string[],
  ): Promise<MarketRowRef[]> {
    if (ids.length === 0) return [];
    const fk = side === 'request' ? 'demand_request_id' : 'supply_listing_id';
    return queryReturning<MarketRowRef>(
      manager,
      `UPDATE ${TABLE[side]} t SET status = 'withdrawn', updated_at = now()
        WHERE t.id = ANY($1) AND t.status = 'open' AND t.remaining_quantity = t.quantity
          AND NOT EXISTS (
            SELECT 1 FROM matches m WHERE m.${fk} = t.id
               AND (m.status = 'confirmed'
                    OR (m.status = 'proposed'
                        AND (m.supplier_decision <> 'pending' OR m.buyer_decision <> 'pending'))))
        RETURNING t.id, t.commodity_code AS "commodityCode"`,
      [ids],
    );
  }
}
