/**
 * The one catalog of domain events: every event type written to the outbox, with its payload.
 * A leaf of the folder graph (it imports no domain), so that every domain, the outbox, the queue
 * catalog and the notification fan-out can depend on it without cycles. Events are built only by
 * the factories in `domain-events.ts`; `OutboxWriter.append` accepts nothing else, and the bus
 * hands each handler the payload of the types it subscribed to.
 *
 * Adding an event: a line here (type -> payload), a line in `EVENT_AGGREGATES`, a factory in
 * `domain-events.ts`; the compiler then points at every switch that must handle it.
 */

/** The parties and commodity of a proposal, carried by every `match.*` event. */
export interface MatchEventData {
  commodityCode: string;
  matchId: string;
  supplierOrganizationId: string;
  buyerOrganizationId: string;
}

/** A listing or request changed: its commodity is re-optimised. */
export interface MarketEventData {
  commodityCode: string;
}

export interface TradeUpdatedData {
  tradeId: string;
  /** The trade's status after the change (`confirmed`, `shipped`, ...). */
  status: string;
  commodityCode: string;
  supplierOrganizationId: string;
  buyerOrganizationId: string;
}

export interface VerificationDecidedData {
  organizationId: string;
  verificationStatus: 'verified' | 'rejected';
  note: string | null;
}

export interface MatchingChangedData {
  commodityCode: string;
  organizationId: string;
  reason: 'verification' | 'verified_counterparts_only' | 'price_ceiling_policy';
}

/** Event type -> payload. The payload is what consumers read as `event.data`. */
/** A step of a two-party agreement: the commodity it re-optimises and the two governments. */
export interface AgreementStepData {
  commodityCode: string;
  organizationIds: string[];
}

/** A closure of the service network: which one, and the hub, service or road link it closes. */
export interface NetworkClosureData {
  closureId: string;
  target: string;
}

export const SERVICE_NETWORK_KINDS = [
  'sea_service',
  'ferry_crossing',
  'air_route',
  'truck_class',
  'hub_handling',
] as const;
export type ServiceNetworkKind = (typeof SERVICE_NETWORK_KINDS)[number];

export interface ServiceNetworkChangeData {
  kind: ServiceNetworkKind;
  /** The row's code (a hub code for hub handling). */
  code: string;
  /** The id of the new revision. */
  rowId: string;
  revision: number;
  change: 'created' | 'updated' | 'deactivated' | 'reactivated';
}

/** A regional price spike (#12): told once to the region's government and procurement offices. */
export interface PriceSpikeData {
  regionCode: string;
  commodityCode: string;
  /** YYYY-MM-DD. */
  observedOn: string;
  pricePerUnit: number;
  /** Median of the 28 days before. */
  medianPerUnit: number;
  /** How far above the median, in percent (one decimal). */
  percentAboveMedian: number;
}

export interface DomainEventPayloads {
  'supply_listing.created': MarketEventData;
  'supply_listing.updated': MarketEventData;
  'supply_listing.withdrawn': MarketEventData;
  'supply_listing.expired': MarketEventData;
  'demand_request.created': MarketEventData;
  'demand_request.updated': MarketEventData;
  'demand_request.withdrawn': MarketEventData;
  'demand_request.expired': MarketEventData;
  /** One per commodity of a new agreement. */
  'agreement.created': { commodityCode: string };
  /** Two-party agreement steps (#12), one per commodity; both governments are told. */
  'agreement.proposed': AgreementStepData;
  'agreement.accepted': AgreementStepData;
  'agreement.declined': AgreementStepData;
  'agreement.withdrawn': AgreementStepData;
  'agreement.ending': AgreementStepData;
  'match.proposed': MatchEventData;
  /** `reason` says why, e.g. `listing_changed: pricePerUnit`. */
  'match.superseded': MatchEventData & { reason: string };
  'match.accepted': MatchEventData;
  /** `reason` is the decliner's (`price`, `quantity`, ... `partner`). */
  'match.declined': MatchEventData & { reason: string };
  'match.expired': MatchEventData;
  'match.confirmed': MatchEventData & { tradeId: string };
  'trade.updated': TradeUpdatedData;
  /** An administrator verified the organization: it is told in its inbox (and webhooks). */
  'organization.verified': VerificationDecidedData;
  /** An administrator rejected (or withdrew) its verification, with a note saying why. */
  'organization.rejected': VerificationDecidedData;
  /**
   * One per commodity in which the organization's trust changes which pairs may match (its
   * verification, or its verified-counterparts-only choice): the commodity is re-optimised.
   */
  'organization.matching_changed': MatchingChangedData;
  /**
   * A closure of a hub or service came into force (#10): proposals whose route uses it are
   * superseded with its reason, and every open market is re-optimised around it.
   */
  'network.closure_started': NetworkClosureData & { reason: string; closedUntil: string };
  /** It ended (reopened, or its period passed): every open market may use it again. */
  'network.closure_ended': NetworkClosureData;
  /**
   * An administrator created, edited, deactivated or reactivated a row of the service network
   * (#10): a new revision. A deactivated service supersedes the proposals that use it; every
   * open market is re-optimised on the new network.
   */
  'network.service_changed': ServiceNetworkChangeData;
  /** A party lifted one of its exclusions: the pair or partner may be proposed again. */
  'exclusion.lifted': { commodityCode: string; exclusionId: string };
  /** A party excluded a partner: one per commodity either organization trades in. */
  'exclusion.partner_excluded': { commodityCode: string; organizationIds: string[] };
  /** An administrator entered a reference price version: capped buyers' ceilings may change. */
  'price_reference.changed': { commodityCode: string };
  'price.spike_detected': PriceSpikeData;
  /** An administrator set how the commodity's shortages are shared (`fair` or `max-gain`). */
  'commodity.rationing_changed': { commodityCode: string; policy: string };
}

export type DomainEventType = keyof DomainEventPayloads;

/** The aggregate (the row an event is about) of each event type, as stored in the outbox. */
export const EVENT_AGGREGATES = {
  'supply_listing.created': 'supply_listing',
  'supply_listing.updated': 'supply_listing',
  'supply_listing.withdrawn': 'supply_listing',
  'supply_listing.expired': 'supply_listing',
  'demand_request.created': 'demand_request',
  'demand_request.updated': 'demand_request',
  'demand_request.withdrawn': 'demand_request',
  'demand_request.expired': 'demand_request',
  'agreement.created': 'agreement',
  'agreement.proposed': 'agreement',
  'agreement.accepted': 'agreement',
  'agreement.declined': 'agreement',
  'agreement.withdrawn': 'agreement',
  'agreement.ending': 'agreement',
  'match.proposed': 'match',
  'match.superseded': 'match',
  'match.accepted': 'match',
  'match.declined': 'match',
  'match.expired': 'match',
  'match.confirmed': 'match',
  'trade.updated': 'trade',
  'organization.verified': 'organization',
  'organization.rejected': 'organization',
  'organization.matching_changed': 'organization',
  'network.closure_started': 'network_closure',
  'network.closure_ended': 'network_closure',
  'network.service_changed': 'service_network_row',
  'exclusion.lifted': 'exclusion',
  'exclusion.partner_excluded': 'organization',
  'price_reference.changed': 'price_reference',
  'price.spike_detected': 'price_spike',
  'commodity.rationing_changed': 'rationing_policy',
} as const satisfies { [T in DomainEventType]: string };

export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_AGGREGATES) as DomainEventType[];

export type AggregateOf<T extends DomainEventType> = (typeof EVENT_AGGREGATES)[T];

declare const builtByFactory: unique symbol;

/**
 * An event ready for the outbox. Distributive over `T`, so a `NewDomainEvent` is a discriminated
 * union on `type`. The brand means only the factories of `domain-events.ts` can make one: an
 * object literal, even a well-formed one, does not compile where an event is expected.
 */
export type NewDomainEvent<T extends DomainEventType = DomainEventType> = T extends DomainEventType
  ? {
      readonly type: T;
      readonly aggregateType: AggregateOf<T>;
      readonly aggregateId: string;
      readonly payload: DomainEventPayloads[T];
      readonly [builtByFactory]: true;
    }
  : never;

/**
 * An event as the worker receives it from the relay (the `domain-event` job's payload), a
 * discriminated union on `type`: narrowing the type narrows `data`.
 */
export type RelayedEvent<T extends DomainEventType = DomainEventType> = T extends DomainEventType
  ? {
      eventId: string;
      type: T;
      aggregateType: AggregateOf<T>;
      aggregateId: string;
      data: DomainEventPayloads[T];
      correlationId: string | null;
      occurredAt: string;
    }
  : never;

/** Event types whose payload names a commodity (those that can ask for a re-optimisation). */
export type CommodityEventType = {
  [T in DomainEventType]: DomainEventPayloads[T] extends { commodityCode: string } ? T : never;
}[DomainEventType];

export const MATCH_EVENT_TYPES = [
  'match.proposed',
  'match.superseded',
  'match.accepted',
  'match.declined',
  'match.expired',
  'match.confirmed',
] as const satisfies readonly DomainEventType[];
export type MatchEventType = (typeof MATCH_EVENT_TYPES)[number];

/** Fails to compile when a `match.*` event of the catalog is missing from MATCH_EVENT_TYPES. */
type Never<T extends never> = T;
export type EveryMatchEventListed = Never<
  Exclude<Extract<DomainEventType, `match.${string}`>, MatchEventType>
>;
