/** Domain events of the market; the matching worker re-optimises the commodity on each. */
export const MARKET_EVENTS = {
  supplyCreated: 'supply_listing.created',
  supplyUpdated: 'supply_listing.updated',
  supplyWithdrawn: 'supply_listing.withdrawn',
  supplyExpired: 'supply_listing.expired',
  demandCreated: 'demand_request.created',
  demandUpdated: 'demand_request.updated',
  demandWithdrawn: 'demand_request.withdrawn',
  demandExpired: 'demand_request.expired',
} as const;

export interface MarketEventData extends Record<string, unknown> {
  commodityCode: string;
}
