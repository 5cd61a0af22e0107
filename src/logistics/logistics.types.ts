/**
 * Plain shapes of the logistics model. They are structural subsets of the reference entities
 * (regions, hubs, transport modes), so rows loaded by TypeORM can be passed as they are.
 */

export type TransportModeName = 'road' | 'sea' | 'air';

/**
 * The transport options the network offers. There is no `air-reefer`: no domestic air cargo
 * service in the network carries produce temperature-controlled, so air is ambient (#10).
 */
export type TransportOptionLabel = 'road' | 'road-reefer' | 'sea' | 'sea-reefer' | 'air';

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

/**
 * Whether the goods stay cold from pickup to the buyer's door: `full` (every leg and every
 * transfer cold), `broken` (cold legs with an uncooled transfer or leg between them), `none`
 * (ambient throughout).
 */
export type ColdChain = 'full' | 'broken' | 'none';

export interface TransportOption {
  mode: TransportModeName;
  reefer: boolean;
  /** Whether the cold chain holds door to door (see ColdChain). */
  coldChain: ColdChain;
  /**
   * The part of transitDays the goods spend out of the cold (ambient legs, uncooled transfers);
   * transitDays - ambientTransitDays is spent cold. Shelf life is used at each part's rate.
   */
  ambientTransitDays: number;
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
  /** The lot size (kg) whose freight class and minimum charges this option was costed at. */
  lotKg?: number;
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
  /** The named service or crossing (sea service, air route, ferry crossing code). */
  service?: string;
  /** How the lot travels on this leg: e.g. "2 x engkel", "LCL 3,000 kg", "1 x 20 ft reefer". */
  freightClass?: string;
  /** Mean wait for the next departure included in `hours` (half the headway). */
  waitHours?: number;
  /** Departures per week of the service (ferries and flights: per day x 7). */
  departuresPerWeek?: number;
  /** Cold chain kept on this leg (the vehicle, box or service is refrigerated). */
  reefer?: boolean;
  /**
   * Hours of this leg spent out of the cold, rounded to 0.1 hour: all of it on an ambient leg,
   * the uncooled transfers at hubs without a cold store on a reefer service leg, 0 otherwise.
   */
  ambientHours?: number;
}

export type SeaServiceKind = 'container' | 'roro' | 'short_sea' | 'pelni' | 'tol_laut';

/** A scheduled sea service between two ports (one row serves both directions). */
export interface SeaService {
  code: string;
  fromHub: string;
  toHub: string;
  kind: SeaServiceKind;
  sailingHours: number;
  departuresPerWeek: number;
  /** Reefer plugs on board; 0 = no reefer containers. */
  reeferPlugs: number;
  lcl: boolean;
  /** Per 20 ft container; null when the service carries no containers. */
  rate20ftIdr: number | null;
  rate20ftReeferIdr: number | null;
  lclIdrPerKg: number;
  lclMinKg: number;
}

/** A ro-ro ferry crossing that a truck drives onto: joins two road networks. */
export interface FerryCrossing {
  code: string;
  fromHub: string;
  toHub: string;
  crossingHours: number;
  departuresPerDay: number;
  farePickupIdr: number;
  fareEngkelIdr: number;
  fareFusoIdr: number;
  fareTrontonIdr: number;
}

/** Scheduled air cargo between two airports that actually have service (both directions). */
export interface AirRoute {
  code: string;
  fromHub: string;
  toHub: string;
  flightsPerDay: number;
  flightHours: number;
  idrPerKg: number;
  minChargeKg: number;
  documentFeeIdr: number;
}

export type FerryVehicleClass = 'pickup' | 'engkel' | 'fuso' | 'tronton';

export interface TruckClass {
  code: string;
  name: string;
  reefer: boolean;
  capacityKg: number;
  ferryClass: FerryVehicleClass;
  idrPerKm: number;
  minTripIdr: number;
}

/** Handling at a hub (`default-airport`, `default-sea_port` for hubs without a row). */
export interface HubHandling {
  hub: string;
  handlingHours: number;
  handlingIdrPerKg: number;
  /**
   * The hub keeps a reefer lot cold while it is handled: reefer plugs on the container yard, or
   * a cold store. Absent or false: a reefer lot's handling there (and its wait for the sailing,
   * at the departure hub) is spent out of the cold, a break in the cold chain.
   */
  coldStore?: boolean;
}

/**
 * The share of a lot lost on the way, for one class of commodity (its category: grain,
 * horticulture, ...) and one transport option (src/reference/data/shrink-id.csv, sources per row).
 */
export interface ShrinkRow {
  category: string;
  label: TransportOptionLabel;
  shrinkFraction: number;
}

/** Something an administrator closed for a period (a hub, a sea service, air route or ferry). */
export interface NetworkClosure {
  /** A hub code, or the code of a sea service, air route or ferry crossing. */
  target: string;
  /** Epoch ms. */
  from: number;
  until: number;
  reason: string;
}

/** Everything a TransportNetwork is built from: plain data, safe to post to a worker thread. */
export interface TransportNetworkData {
  regions: readonly RegionGeo[];
  hubs: readonly Hub[];
  modes: readonly TransportModeParams[];
  /** The service network; absent in old callers, which then get road-only options. */
  seaServices?: readonly SeaService[];
  ferryCrossings?: readonly FerryCrossing[];
  airRoutes?: readonly AirRoute[];
  truckClasses?: readonly TruckClass[];
  hubHandling?: readonly HubHandling[];
  /**
   * Shrink per commodity category and transport option; a category or option without a row
   * falls back to its mode's shrinkFraction.
   */
  shrink?: readonly ShrinkRow[];
  /** Closures in force for the network being built (the provider filters by time). */
  closures?: readonly NetworkClosure[];
}
