import {
  EVENT_AGGREGATES,
  type DomainEventPayloads,
  type DomainEventType,
  type MatchEventData,
  type NewDomainEvent,
  type PriceSpikeData,
  type ServiceNetworkChangeData,
  type TradeUpdatedData,
} from './event-catalog';

/**
 * The factories of domain events, one per event type: the only way to make a `NewDomainEvent`.
 * Each takes the plain fields it needs (not entities), so that a repository's raw rows and a
 * loaded entity build the same payload.
 */
function build<T extends DomainEventType>(
  type: T,
  aggregateId: string,
  payload: DomainEventPayloads[T],
): NewDomainEvent<T> {
  return {
    type,
    aggregateType: EVENT_AGGREGATES[type],
    aggregateId,
    payload,
  } as unknown as NewDomainEvent<T>;
}

/** What a market event needs of a listing or request. */
export interface MarketRow {
  id: string;
  commodityCode: string;
}

/** What a match event needs of a match (an entity, or a row returned by an UPDATE). */
export interface MatchParties {
  id: string;
  commodityCode: string;
  supplierOrganizationId: string;
  buyerOrganizationId: string;
}

/** What `trade.updated` needs of a trade. */
export interface TradeFacts {
  id: string;
  status: string;
  commodityCode: string;
  supplierOrganizationId: string;
  buyerOrganizationId: string;
}

const market = (row: MarketRow) => ({ commodityCode: row.commodityCode });

const matchData = (match: MatchParties): MatchEventData => ({
  commodityCode: match.commodityCode,
  matchId: match.id,
  supplierOrganizationId: match.supplierOrganizationId,
  buyerOrganizationId: match.buyerOrganizationId,
});

const tradeData = (trade: TradeFacts): TradeUpdatedData => ({
  tradeId: trade.id,
  status: trade.status,
  commodityCode: trade.commodityCode,
  supplierOrganizationId: trade.supplierOrganizationId,
  buyerOrganizationId: trade.buyerOrganizationId,
});

export const DomainEvents = {
  supplyListingCreated: (row: MarketRow) => build('supply_listing.created', row.id, market(row)),
  supplyListingUpdated: (row: MarketRow) => build('supply_listing.updated', row.id, market(row)),
  supplyListingWithdrawn: (row: MarketRow) =>
    build('supply_listing.withdrawn', row.id, market(row)),
  supplyListingExpired: (row: MarketRow) => build('supply_listing.expired', row.id, market(row)),
  demandRequestCreated: (row: MarketRow) => build('demand_request.created', row.id, market(row)),
  demandRequestUpdated: (row: MarketRow) => build('demand_request.updated', row.id, market(row)),
  demandRequestWithdrawn: (row: MarketRow) =>
    build('demand_request.withdrawn', row.id, market(row)),
  demandRequestExpired: (row: MarketRow) => build('demand_request.expired', row.id, market(row)),

  rationingPolicyChanged: (policyId: string, commodityCode: string, policy: string) =>
    build('commodity.rationing_changed', policyId, { commodityCode, policy }),
  agreementCreated: (agreementId: string, commodityCode: string) =>
    build('agreement.created', agreementId, { commodityCode }),
  agreementStep: (
    type:
      | 'agreement.proposed'
      | 'agreement.accepted'
      | 'agreement.declined'
      | 'agreement.withdrawn'
      | 'agreement.ending',
    agreementId: string,
    data: { commodityCode: string; organizationIds: string[] },
  ) => build(type, agreementId, data),

  matchProposed: (match: MatchParties) => build('match.proposed', match.id, matchData(match)),
  matchSuperseded: (match: MatchParties, reason: string) =>
    build('match.superseded', match.id, { ...matchData(match), reason }),
  matchAccepted: (match: MatchParties) => build('match.accepted', match.id, matchData(match)),
  matchDeclined: (match: MatchParties, reason: string) =>
    build('match.declined', match.id, { ...matchData(match), reason }),
  matchExpired: (match: MatchParties) => build('match.expired', match.id, matchData(match)),
  matchConfirmed: (match: MatchParties, tradeId: string) =>
    build('match.confirmed', match.id, { ...matchData(match), tradeId }),

  tradeUpdated: (trade: TradeFacts) => build('trade.updated', trade.id, tradeData(trade)),

  organizationVerified: (organizationId: string, note: string | null) =>
    build('organization.verified', organizationId, {
      organizationId,
      verificationStatus: 'verified',
      note,
    }),
  organizationRejected: (organizationId: string, note: string | null) =>
    build('organization.rejected', organizationId, {
      organizationId,
      verificationStatus: 'rejected',
      note,
    }),
  organizationMatchingChanged: (
    organizationId: string,
    commodityCode: string,
    reason: 'verification' | 'verified_counterparts_only' | 'price_ceiling_policy',
  ) =>
    build('organization.matching_changed', organizationId, {
      commodityCode,
      organizationId,
      reason,
    }),

  networkClosureStarted: (closure: {
    id: string;
    target: string;
    reason: string;
    closedUntil: Date;
  }) =>
    build('network.closure_started', closure.id, {
      closureId: closure.id,
      target: closure.target,
      reason: closure.reason,
      closedUntil: closure.closedUntil.toISOString(),
    }),
  networkClosureEnded: (closure: { id: string; target: string }) =>
    build('network.closure_ended', closure.id, { closureId: closure.id, target: closure.target }),

  networkServiceChanged: (data: ServiceNetworkChangeData) =>
    build('network.service_changed', data.rowId, data),

  exclusionLifted: (exclusionId: string, commodityCode: string) =>
    build('exclusion.lifted', exclusionId, { commodityCode, exclusionId }),
  /** Aggregate: the first organization named (the one that excluded or lifted). */
  exclusionPartnerExcluded: (organizationIds: string[], commodityCode: string) =>
    build('exclusion.partner_excluded', organizationIds[0], { commodityCode, organizationIds }),

  priceReferenceChanged: (referenceId: string, commodityCode: string) =>
    build('price_reference.changed', referenceId, { commodityCode }),
  priceSpikeDetected: (spikeId: string, data: PriceSpikeData) =>
    build('price.spike_detected', spikeId, data),
} satisfies { [name: string]: (...args: never[]) => NewDomainEvent };

/** Fails to compile when an event type of the catalog has no factory above. */
type Never<T extends never> = T;
export type EveryEventHasAFactory = Never<
  Exclude<DomainEventType, ReturnType<(typeof DomainEvents)[keyof typeof DomainEvents]>['type']>
>;
