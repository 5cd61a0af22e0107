/**
 * Plain shapes of the logistics model. They are structural subsets of the reference entities
 * (regions, hubs, transport modes), so rows loaded by TypeORM can be passed as they are.
 */

export type TransportModeName = 'road' | 'sea' | 'air';

export type TransportOptionLabel =
  'road' | 'road-reefer' | 'sea' | 'sea-reefer' | 'air' | 'air-reefer';

export interface RegionGeo {
  code: string;
  /** null for a province row itself. */
  provinceCode: string | null;
  /** sumatra, java, bali, nusa-tenggara-barat, ..., riau-islands, bangka-belitung */
  islandGroup: string;
  latitude: number;
  longitude: number;
}

/** One row of transport-modes.csv (operators may calibrate these in the database). */
export interface TransportModeParams {
  mode: TransportModeName;
  /** Multiplier from great-circle to travelled distance. */
  detourFactor: number;
  speedKmh: number;
  handlingDays: number;
  waitDays: number;
  fixedIdrPerKg: number;
  idrPerKgKm: number;
  reeferMultiplier: number;
  shrinkFraction: number;
}

export type HubKind = 'sea_port' | 'airport';

export interface Hub {
  code: string;
  name: string;
  kind: HubKind;
  provinceCode: string;
  latitude: number;
  longitude: number;
}

export interface TransportOption {
  mode: TransportModeName;
  reefer: boolean;
  label: TransportOptionLabel;
  /** Whole kilometres travelled, road legs to and from the hubs included. */
  distanceKm: number;
  /** Door to door, fractional days. */
  transitDays: number;
  /** Whole rupiah per kg (per unit), rounded up. */
  costPerUnit: number;
  /** Fraction of the goods lost on the way (the main mode's shrink). */
  shrinkFraction: number;
  originHubCode: string | null;
  destinationHubCode: string | null;
  /** Door to door, in order: the road trip, or road to hub, main leg, road from hub. */
  legs: readonly TransportLeg[];
}

/**
 * One leg of an option, as the network models it today: `from` and `to` are region or hub codes;
 * the legs' costs add up exactly to the option's costPerUnit.
 */
export interface TransportLeg {
  kind: TransportModeName;
  from: string;
  to: string;
  /** Travel, handling and waiting, rounded to 0.1 hour. */
  hours: number;
  costPerUnit: number;
  /** The named service when the network knows one (not yet: hubs only). */
  service?: string;
}

/** Everything a TransportNetwork is built from: plain data, safe to post to a worker thread. */
export interface TransportNetworkData {
  regions: readonly RegionGeo[];
  hubs: readonly Hub[];
  modes: readonly TransportModeParams[];
}
