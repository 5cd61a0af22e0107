import { MarketRepository } from './market.repository';
import type { EntityManager } from 'typeorm';
import { queryReturning } from '../database/query-returning';
import type { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';

/** Reasons the engine itself supersedes a proposal for. */
export const SUPERSEDED_BY_ENGINE = {
  reoptimized: 'market_reoptimized',
  listingUnavailable: 'listing_unavailable',
  requestUnavailable: 'request_unavailable',
} as const;

/**
 * Marks open proposals (held ones included) superseded with a reason, and writes one
 * `match.superseded` event per proposal that was still open, carrying the reason, in the caller's
 * transaction. Conditional on `status = 'proposed'`: a proposal confirmed, declined or expired
 * meanwhile is left as it is.
 */
export async function supersedeProposals(
  manager: EntityManager,
  outbox: OutboxWriter,
  ids: string[],
  reason: string,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryReturning<{
    id: string;
    commodityCode: string;
    supplierOrganizationId: string;
    buyerOrganizationId: string;
  }>(
    manager,
    `UPDATE matches SET status = 'superseded', superseded_reason = $2, updated_at = now()
      WHERE id = ANY($1) AND status = 'proposed'
      RETURNING id, commodity_code AS "commodityCode",
                supplier_organization_id AS "supplierOrganizationId",
                buyer_organization_id AS "buyerOrganizationId"`,
    [ids, reason],
  );
  await outbox.append(
    manager,
    rows.map((row) => DomainEvents.matchSuperseded(row, reason)),
  );
  return rows.map((row) => row.id);
}

interface OpenProposal {
  id: string;
  quantity: number;
  held: boolean;
}

/**
 * Which open proposals of a listing or request still fit a lowered remaining quantity: held ones
 * (one side already said yes) first, oldest first, then the others; those that no longer fit are
 * returned. Pure, for the quantity rule of a market edit.
 */
export function proposalsBeyond(proposals: OpenProposal[], remaining: number): string[] {
  const ordered = [...proposals.filter((p) => p.held), ...proposals.filter((p) => !p.held)];
  const beyond: string[] = [];
  let left = remaining;
  for (const p of ordered) {
    if (p.quantity <= left) left -= p.quantity;
    else beyond.push(p.id);
  }
  return beyond;
}

/**
 * The open proposals of a listing (or request) that a change of its terms invalidates, superseded
 * in the transaction of the change. Any change of a term a proposal rests on supersedes all of
 * them; a lower quantity only those that no longer fit. Locks the proposals after the listing or
 * request row the caller holds (the same order as an acceptance), so the two cannot deadlock.
 */
export async function supersedeForChange(
  manager: EntityManager,
  outbox: OutboxWriter,
  change: {
    side: 'listing' | 'request';
    id: string;
    commodityCode: string;
    /** Changed terms other than quantity, by their API names. */
    changedTerms: string[];
    quantityChanged: boolean;
    remainingQuantity: number;
  },
): Promise<string[]> {
  if (change.changedTerms.length === 0 && !change.quantityChanged) return [];
  // The matching run's lock: a run that loaded the market before this change could otherwise
  // insert proposals on the old terms after this transaction superseded the existing ones. Taken
  // here, the change waits for a run in progress and then supersedes what it wrote, and the next
  // run loads the new terms.
  await new MarketRepository(manager).lockCommodity(change.commodityCode);
  // A listing's remaining counts the units shipped, a request's the units expected to arrive.
  const [column, quantity] =
    change.side === 'listing'
      ? ['supply_listing_id', 'quantity']
      : ['demand_request_id', 'quantity_delivered'];
  const open = await manager.query<OpenProposal[]>(
    `SELECT id, ${quantity} AS quantity, (supplier_decision = 'accepted' OR buyer_decision = 'accepted') AS held
       FROM matches WHERE ${column} = $1 AND status = 'proposed'
      ORDER BY created_at, id FOR UPDATE`,
    [change.id],
  );
  const fields = [...change.changedTerms, ...(change.quantityChanged ? ['quantity'] : [])];
  const reason = `${change.side}_changed: ${fields.join(', ')}`;
  const ids =
    change.changedTerms.length > 0
      ? open.map((p) => p.id)
      : proposalsBeyond(open, change.remainingQuantity);
  return supersedeProposals(manager, outbox, ids, reason);
}
