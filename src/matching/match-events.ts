import { ORGANIZATION_EVENTS } from '../accounts/organization-events';

/** Events about proposals, written to the outbox in the transaction that changes the match. */
export const MATCH_EVENTS = {
  proposed: 'match.proposed',
  superseded: 'match.superseded',
  accepted: 'match.accepted',
  declined: 'match.declined',
  expired: 'match.expired',
  confirmed: 'match.confirmed',
} as const;

/**
 * A party lifted one of its exclusions (the pair or partner may be proposed again), or excluded a
 * partner (its proposals with that partner in other commodities were superseded): either way the
 * commodity named in the payload is re-optimised.
 */
export const EXCLUSION_EVENTS = {
  lifted: 'exclusion.lifted',
  partnerExcluded: 'exclusion.partner_excluded',
} as const;

export interface MatchEventData extends Record<string, unknown> {
  commodityCode: string;
  matchId: string;
  supplierOrganizationId: string;
  buyerOrganizationId: string;
}

/**
 * Events after which a commodity's optimum may differ: market changes, new agreements, and
 * trust changes, quantities returning to play (declined or expired proposals, cancelled trades) or leaving it
 * (confirmed matches), and lifted exclusions. Proposals and supersessions are the engine's own output and never re-trigger it.
 */
export const REOPTIMIZING_EVENT_PREFIXES = [
  'supply_listing.',
  'demand_request.',
  'agreement.',
  MATCH_EVENTS.declined,
  MATCH_EVENTS.expired,
  MATCH_EVENTS.confirmed,
  'trade.',
  // An organization verified or rejected, or choosing verified counterparts only: which pairs
  // may match changes (one event per commodity it trades in).
  ORGANIZATION_EVENTS.matchingChanged,
  'exclusion.',
] as const;
