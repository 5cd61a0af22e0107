import type { CommodityEventType } from '../events/event-catalog';

/**
 * Events after which a commodity's optimum may differ: market changes, new agreements, and
 * trust changes, quantities returning to play (declined or expired proposals, cancelled trades)
 * or leaving it (confirmed matches), and lifted or new partner exclusions. Proposals,
 * supersessions and acceptances are the engine's own output (or leave the market as it is) and
 * never re-trigger it. Named one by one, not by prefix: "go to definition" leads from here to
 * each event's payload and factory.
 */
export const REOPTIMIZING_EVENTS = [
  'supply_listing.created',
  'supply_listing.updated',
  'supply_listing.withdrawn',
  'supply_listing.expired',
  'demand_request.created',
  'demand_request.updated',
  'demand_request.withdrawn',
  'demand_request.expired',
  'agreement.created',
  'match.declined',
  'match.expired',
  'match.confirmed',
  'trade.updated',
  // An organization verified or rejected, or choosing verified counterparts only: which pairs
  // may match changes (one event per commodity it trades in).
  'organization.matching_changed',
  'exclusion.lifted',
  'exclusion.partner_excluded',
  // A reference price version: the ceilings of buyers capped at it may change (#12).
  'price_reference.changed',
  // The way a shortage is shared changed (fair or max-gain).
  'commodity.rationing_changed',
] as const satisfies readonly CommodityEventType[];
