import { greatCircleKm } from './great-circle';
import { LegPool } from './leg-pool';
import { PairCache } from './pair-cache';
import { landmassOf } from './landmass';
import type {
  AirRoute,
  FerryCrossing,
  FerryVehicleClass,
  Hub,
  HubHandling,
  RegionGeo,
  SeaService,
  TransportLeg,
  TransportModeName,
  TransportOptionLabel,
  TransportModeParams,
  TransportNetworkData,
  TransportOption,
  TruckClass,
} from './logistics.types';

/**
 * A trip within one place (a region to itself, or to a hub at its centre) still loads, drives
 * across a regency or city and unloads. ESTIMATE, no public figure: 2 hours. Without it a
 * same-city delivery took 0 h, so any deliverBy a minute away looked reachable.
 */
const LOCAL_TRIP_HOURS = 2;

/**
 * Lots are costed at these sizes (kg): a lot pays the per-kg freight of the largest band that does
 * not exceed it. Minimum charges, truck counts and full containers make freight per kg depend on
 * the lot; a handful of bands keeps the route table finite (one entry per region pair and band).
 */
export const LOT_BANDS_KG: readonly number[] = [100, 300, 1_000, 3_000, 10_000, 30_000];

/** The band used when a caller gives no lot (reachability, explanations without a lot). */
export const DEFAULT_LOT_KG = 1_000;

/** Payload of a 20 ft container (estimate: 20 t dry; a reefer box carries less after the unit). */
const CONTAINER_PAYLOAD_KG = 20_000;
const REEFER_CONTAINER_PAYLOAD_KG = 17_000;

export function lotBandIndex(lotKg: number): number {
  let band = 0;
  for (let i = 1; i < LOT_BANDS_KG.length; i++) if (lotKg >= LOT_BANDS_KG[i]) band = i;
  return band;
}

/** A place on the road graph: a region's centre or a hub. */
interface Place {
  code: string;
  latitude: number;
  longitude: number;
  landmass: string;
}

interface RoadStep {
  kind: 'road';
  km: number;
  from: string;
  to: string;
}
interface FerryStep {
  kind: 'ferry';
  crossing: FerryCrossing;
  from: string;
  to: string;
}
type ChainStep = RoadStep | FerryStep;

/** A truck's way between two places: road and the ro-ro crossings it drives onto. */
interface RoadChain {
  steps: ChainStep[];
  km: number;
  hours: number;
  /** Sum of the crossings' fares per ferry vehicle class. */
  fares: Record<FerryVehicleClass, number>;
  /** Cheapest fleet cost per (lot band x 2 + reefer), filled on first use. */
  fleetCost: Float64Array;
}

/** One leg of a candidate route with its lot cost (whole lot, rupiah). */
interface CostedLeg {
  leg: Omit<TransportLeg, 'costPerUnit'>;
  km: number;
  cost: number;
}

interface Candidate {
  mode: TransportModeName;
  reefer: boolean;
  /** Whole lot, rupiah. */
  cost: number;
  hours: number;
  /** Hours out of the cold: all of them when ambient, the uncooled transfers when reefer. */
  ambientHours: number;
  road: RoadChain | null;
  service: ServiceLeg | null;
  first?: RoadChain;
  last?: RoadChain;
  /** A transshipment: the second service, reached from the first by road (possibly 0 km). */
  second?: ServiceLeg;
  middle?: RoadChain;
}

interface ServiceLeg {
  mode: 'sea' | 'air';
  code: string;
  from: string;
  to: string;
  fromPlace: number;
  toPlace: number;
  hours: number;
  waitHours: number;
  departuresPerWeek: number;
  km: number;
  sea?: SeaService;
  air?: AirRoute;
  /** Handling at both ends, resolved once. */
  handlingHours: number;
  handlingIdrPerKg: number;
  /**
   * Hours a reefer lot spends out of the cold on this leg: the handling (and, at the departure
   * hub, the wait for the sailing) at each end whose hub has no cold store or reefer plugs, where
   * the box stands unplugged or the lot on the quay. The cold chain breaks there.
   */
  uncooledTransferHours: number;
}

/**
 * The transport model over a service network: trucks on roads and ro-ro ferries, scheduled sea
 * services between ports, air cargo between airports that have a route.
 *
 * For an origin region, a destination region and a lot: the road option drives the whole way
 * (ferry crossings included, with their fares and hours); sea and air options truck the lot to a
 * hub that HAS a service to a hub from which the destination is reachable by road, take that
 * service (waiting half its headway), and truck from the arrival hub. Hubs are chosen only by
 * their services and the resulting cost or time, never by straight-line nearness. Each family
 * (road, sea, air; ambient or reefer where a reefer service exists) keeps its cheapest and its
 * fastest route. Air is ambient only: no reefer air cargo service exists for produce.
 *
 * Results are cached per (origin, destination, lot band) for the lifetime of the network, which
 * is built once per network version.
 */
export class TransportNetwork {
  private readonly regionCodes: string[];
  private readonly indexByCode = new Map<string, number>();
  private readonly regions: RegionGeo[];
  /** Places: regions first (by index), then hubs. */
  private readonly places: Place[] = [];
  private readonly placeIndex = new Map<string, number>();
  private readonly modes = new Map<TransportModeName, TransportModeParams>();
  private readonly trucks: TruckClass[];
  private readonly handling = new Map<string, HubHandling>();
  private readonly hubs = new Map<string, Hub>();
  private readonly ferries: FerryCrossing[];
  private readonly serviceLegs: ServiceLeg[] = [];
  private readonly ferryPorts: number[];
  private readonly chains = new Map<number, RoadChain | null>();
  /** Ferry ports (local index) by landmass, and the all-pairs ways between them. */
  private readonly portsOn = new Map<string, number[]>();
  private readonly portWeight: number[][] = [];
  private readonly portNext: number[][] = [];
  private readonly portCrossing: (FerryCrossing | null)[][] = [];
  private readonly cache: PairCache<readonly TransportOption[]>;
  /** Every option's legs, one object per distinct leg (see LegPool). */
  private readonly legs = new LegPool();
  /** Shrink per category, then per option label (shrink-id.csv). */
  private readonly shrinkByCategory = new Map<string, Map<TransportOptionLabel, number>>();
  /**
   * For two option labels o and c: whether o loses no more than c for every commodity category
   * (and for the modes' defaults), and whether it loses less for some. An option is dropped as
   * dominated only when that holds for every commodity, since the table is shared by all.
   */
  private readonly shrinkNoWorse = new Map<string, boolean>();
  private readonly shrinkBetter = new Map<string, boolean>();
  /** Closed road links, as roadLinkTarget() names them (a flooded road between two places). */
  private readonly closedRoads: ReadonlySet<string>;

  private constructor(readonly data: TransportNetworkData) {
    this.regions = [...data.regions].sort((a, b) => compareCodes(a.code, b.code));
    this.regionCodes = this.regions.map((region) => region.code);
    this.regionCodes.forEach((code, index) => this.indexByCode.set(code, index));
    for (const mode of data.modes) this.modes.set(mode.mode, mode);
    for (const row of data.shrink ?? []) {
      const labels =
        this.shrinkByCategory.get(row.category) ?? new Map<TransportOptionLabel, number>();
      labels.set(row.label, row.shrinkFraction);
      this.shrinkByCategory.set(row.category, labels);
    }
    this.compareShrinks();
    const closed = new Set((data.closures ?? []).map((closure) => closure.target));
    this.closedRoads = new Set([...closed].filter((target) => target.startsWith(ROAD_LINK_PREFIX)));

    for (const region of this.regions) {
      this.addPlace({
        code: region.code,
        latitude: region.latitude,
        longitude: region.longitude,
        landmass: landmassOf(region.islandGroup, region.code),
      });
    }
    for (const hub of [...data.hubs].sort((a, b) => compareCodes(a.code, b.code))) {
      if (closed.has(hub.code)) continue;
      const landmass = this.landmassOfHub(hub);
      if (landmass === null) continue;
      this.hubs.set(hub.code, hub);
      this.addPlace({ code: hub.code, latitude: hub.latitude, longitude: hub.longitude, landmass });
    }
    for (const row of data.hubHandling ?? []) this.handling.set(row.hub, row);
    this.trucks = [...(data.truckClasses ?? [])];

    const open = (row: { code: string; fromHub: string; toHub: string }) =>
      !closed.has(row.code) && this.hubs.has(row.fromHub) && this.hubs.has(row.toHub);
    this.ferries = (data.ferryCrossings ?? []).filter(open);
    const ports = new Set<number>();
    for (const ferry of this.ferries) {
      ports.add(this.placeIndex.get(ferry.fromHub)!);
      ports.add(this.placeIndex.get(ferry.toHub)!);
    }
    this.ferryPorts = [...ports].sort((a, b) => a - b);
    this.buildPortMatrix();

    for (const sea of (data.seaServices ?? []).filter(open)) {
      for (const [from, to] of [
        [sea.fromHub, sea.toHub],
        [sea.toHub, sea.fromHub],
      ]) {
        this.serviceLegs.push({
          mode: 'sea',
          code: sea.code,
          from,
          to,
          fromPlace: this.placeIndex.get(from)!,
          toPlace: this.placeIndex.get(to)!,
          hours: sea.sailingHours,
          waitHours: 84 / Math.max(sea.departuresPerWeek, 1e-9),
          departuresPerWeek: sea.departuresPerWeek,
          km: this.placeKm(from, to, 'sea'),
          sea,
          handlingHours: 0,
          handlingIdrPerKg: 0,
          uncooledTransferHours: 0,
        });
      }
    }
    for (const air of (data.airRoutes ?? []).filter(open)) {
      for (const [from, to] of [
        [air.fromHub, air.toHub],
        [air.toHub, air.fromHub],
      ]) {
        this.serviceLegs.push({
          mode: 'air',
          code: air.code,
          from,
          to,
          fromPlace: this.placeIndex.get(from)!,
          toPlace: this.placeIndex.get(to)!,
          hours: air.flightHours,
          waitHours: 12 / Math.max(air.flightsPerDay, 1e-9),
          departuresPerWeek: air.flightsPerDay * 7,
          km: this.placeKm(from, to, 'air'),
          air,
          handlingHours: 0,
          handlingIdrPerKg: 0,
          uncooledTransferHours: 0,
        });
      }
    }
    for (const leg of this.serviceLegs) {
      const from = this.handlingOf(leg.from);
      const to = this.handlingOf(leg.to);
      leg.handlingHours = from.handlingHours + to.handlingHours;
      leg.handlingIdrPerKg = from.handlingIdrPerKg + to.handlingIdrPerKg;
      leg.uncooledTransferHours =
        (from.coldStore === true ? 0 : from.handlingHours + leg.waitHours) +
        (to.coldStore === true ? 0 : to.handlingHours);
    }
    this.cache = new PairCache(this.regions.length, LOT_BANDS_KG.length);
  }

  /**
   * The share of a lot of a commodity category lost on an option (shrink-id.csv); the option's
   * mode default (transport-modes.csv) for a category or option without a row.
   */
  shrinkOf(category: string | undefined, label: TransportOptionLabel): number {
    const own =
      category === undefined ? undefined : this.shrinkByCategory.get(category)?.get(label);
    return own ?? this.modes.get(modeOfLabel(label))?.shrinkFraction ?? 0;
  }

  private compareShrinks(): void {
    const categories = [undefined, ...this.shrinkByCategory.keys()];
    for (const o of OPTION_LABELS) {
      for (const c of OPTION_LABELS) {
        const shrinks = categories.map((k) => [this.shrinkOf(k, o), this.shrinkOf(k, c)]);
        this.shrinkNoWorse.set(
          `${o}|${c}`,
          shrinks.every(([so, sc]) => so <= sc),
        );
        this.shrinkBetter.set(
          `${o}|${c}`,
          shrinks.some(([so, sc]) => so < sc),
        );
      }
    }
  }

  static fromData(data: TransportNetworkData): TransportNetwork {
    return new TransportNetwork(data);
  }

  get regionCount(): number {
    return this.regions.length;
  }

  /** Dense index of a region (regions sorted by code), or -1 when the code is unknown. */
  regionIndex(code: string): number {
    return this.indexByCode.get(code) ?? -1;
  }

  /** The code of the region at a dense index (see regionIndex). */
  regionCodeAt(index: number): string {
    return this.regionCodes[index];
  }

  region(code: string): RegionGeo | undefined {
    const index = this.regionIndex(code);
    return index < 0 ? undefined : this.regions[index];
  }

  /** The land a region or hub is on (ferry-free road reach); undefined when unknown. */
  landmass(code: string): string | undefined {
    const index = this.placeIndex.get(code);
    return index === undefined ? undefined : this.places[index].landmass;
  }

  /** Transport options for a lot (kg) from one region to another; empty when there is none. */
  options(
    originCode: string,
    destinationCode: string,
    lotKg: number = DEFAULT_LOT_KG,
  ): readonly TransportOption[] {
    const origin = this.regionIndex(originCode);
    const destination = this.regionIndex(destinationCode);
    if (origin < 0 || destination < 0) return [];
    return this.optionsByIndex(origin, destination, lotBandIndex(lotKg));
  }

  optionsByIndex(
    origin: number,
    destination: number,
    band: number = lotBandIndex(DEFAULT_LOT_KG),
  ): readonly TransportOption[] {
    let options = this.cache.get(origin, destination, band);
    if (options === undefined) {
      options = this.buildOptions(origin, destination, band);
      this.cache.set(origin, destination, band, options);
    }
    return options;
  }

  private buildOptions(origin: number, destination: number, band: number): TransportOption[] {
    const lotKg = LOT_BANDS_KG[band];
    // Phase 1: cost and hours of every candidate as plain numbers; phase 2 builds the legs of
    // the kept ones only (most candidates are never shown).
    // Per family, and for reefer families apart for full and broken cold chains: a full chain
    // through ports with reefer plugs is kept even when a broken one is cheaper and faster, since
    // meat and fish can take only the full one (dominance below drops it when nothing needs it).
    const best = new Map<string, { cheapest: Candidate; fastest: Candidate }>();
    const consider = (candidate: Candidate) => {
      const family = !candidate.reefer
        ? candidate.mode
        : candidate.ambientHours > 0
          ? `${candidate.mode}-reefer-broken`
          : `${candidate.mode}-reefer`;
      const kept = best.get(family);
      if (!kept) {
        best.set(family, { cheapest: candidate, fastest: candidate });
        return;
      }
      if (
        candidate.cost < kept.cheapest.cost ||
        (candidate.cost === kept.cheapest.cost && candidate.hours < kept.cheapest.hours)
      ) {
        kept.cheapest = candidate;
      }
      if (
        candidate.hours < kept.fastest.hours ||
        (candidate.hours === kept.fastest.hours && candidate.cost < kept.fastest.cost)
      ) {
        kept.fastest = candidate;
      }
    };
    const road = this.chain(origin, destination);
    if (road) {
      for (const reefer of [false, true]) {
        const fleet = this.fleet(road, lotKg, reefer);
        if (fleet) {
          consider({
            mode: 'road',
            reefer,
            cost: fleet.cost,
            hours: road.hours,
            // A reefer truck keeps its unit running on the ferry deck: no transfer, no break.
            ambientHours: reefer ? 0 : road.hours,
            road,
            service: null,
          });
        }
      }
    }
    for (const service of this.serviceLegs) {
      const first = this.chain(origin, service.fromPlace);
      if (!first) continue;
      const last = this.chain(service.toPlace, destination);
      if (!last) continue;
      for (const reefer of [false, true]) {
        const freight = this.freightCost(service, lotKg, reefer);
        if (freight < 0) continue;
        const toHub = this.fleetCostOf(first, band, reefer);
        const fromHub = this.fleetCostOf(last, band, reefer);
        if (toHub < 0 || fromHub < 0) continue;
        const hours =
          first.hours + service.hours + service.waitHours + service.handlingHours + last.hours;
        consider({
          mode: service.mode,
          reefer,
          cost: toHub + freight + service.handlingIdrPerKg * lotKg + fromHub,
          hours,
          ambientHours: reefer ? service.uncooledTransferHours : hours,
          road: null,
          service,
          first,
          last,
        });
      }
    }
    if (best.size === 0) this.transshipments(origin, destination, band, consider);
    const kept: Candidate[] = [];
    for (const { cheapest, fastest } of best.values()) {
      kept.push(cheapest);
      if (fastest !== cheapest) kept.push(fastest);
    }
    // An option that another beats on cost, time and shrink (for every commodity), with no more
    // hours out of the cold, can never be the engine's choice: it is dropped (e.g. air between
    // two road-linked towns). With no more hours in all and no more of them ambient, the other
    // uses no more shelf life at any pair of ambient and cold lives (cold life >= ambient life),
    // and it never breaks a cold chain this one keeps.
    const pair = (o: Candidate, c: Candidate) => `${labelOf(o)}|${labelOf(c)}`;
    const useful = kept.filter(
      (c) =>
        !kept.some(
          (o) =>
            o !== c &&
            o.ambientHours <= c.ambientHours &&
            o.cost <= c.cost &&
            o.hours <= c.hours &&
            this.shrinkNoWorse.get(pair(o, c)) === true &&
            (o.cost < c.cost || o.hours < c.hours || this.shrinkBetter.get(pair(o, c)) === true),
        ),
    );
    return useful
      .map((c) => this.materialise(c, lotKg))
      .sort(
        (a, b) =>
          compareCodes(a.label, b.label) ||
          a.costPerUnit - b.costPerUnit ||
          a.transitDays - b.transitDays,
      );
  }

  /**
   * Only for pairs that no single service joins (e.g. Kalimantan to Papua): two services of the
   * same mode, transshipped at a hub (or between two hubs joined by road), like cargo that changes
   * ships in Surabaya or planes in Jakarta. Each service's handling applies at both its ends.
   */
  private transshipments(
    origin: number,
    destination: number,
    band: number,
    consider: (candidate: Candidate) => void,
  ): void {
    const lotKg = LOT_BANDS_KG[band];
    for (const one of this.serviceLegs) {
      const first = this.chain(origin, one.fromPlace);
      if (!first) continue;
      for (const two of this.serviceLegs) {
        if (two.mode !== one.mode || two.code === one.code) continue;
        const last = this.chain(two.toPlace, destination);
        if (!last) continue;
        const middle = this.chain(one.toPlace, two.fromPlace);
        if (!middle) continue;
        for (const reefer of [false, true]) {
          const f1 = this.freightCost(one, lotKg, reefer);
          const f2 = this.freightCost(two, lotKg, reefer);
          if (f1 < 0 || f2 < 0) continue;
          const a = this.fleetCostOf(first, band, reefer);
          const m = middle.km === 0 ? 0 : this.fleetCostOf(middle, band, reefer);
          const b = this.fleetCostOf(last, band, reefer);
          if (a < 0 || m < 0 || b < 0) continue;
          const hours =
            first.hours +
            one.hours +
            one.waitHours +
            one.handlingHours +
            middle.hours +
            two.hours +
            two.waitHours +
            two.handlingHours +
            last.hours;
          consider({
            mode: one.mode,
            reefer,
            cost: a + f1 + one.handlingIdrPerKg * lotKg + m + f2 + two.handlingIdrPerKg * lotKg + b,
            hours,
            ambientHours: reefer ? one.uncooledTransferHours + two.uncooledTransferHours : hours,
            road: null,
            service: one,
            first,
            last,
            second: two,
            middle,
          });
        }
      }
    }
  }

  private materialise(c: Candidate, lotKg: number): TransportOption {
    if (c.road) {
      return this.option(
        'road',
        c.reefer,
        this.truckLegs(c.road, lotKg, c.reefer)!,
        lotKg,
        null,
        null,
      );
    }
    const service = c.service!;
    const legs = [
      ...this.truckLegs(c.first!, lotKg, c.reefer)!,
      ...this.serviceLegsCosted(service, lotKg, c.reefer)!,
    ];
    let arrival = service.to;
    if (c.second) {
      if (c.middle!.km > 0) legs.push(...this.truckLegs(c.middle!, lotKg, c.reefer)!);
      legs.push(...this.serviceLegsCosted(c.second, lotKg, c.reefer)!);
      arrival = c.second.to;
    }
    legs.push(...this.truckLegs(c.last!, lotKg, c.reefer)!);
    return this.option(service.mode, c.reefer, legs, lotKg, service.from, arrival);
  }

  private option(
    mode: TransportModeName,
    reefer: boolean,
    costed: CostedLeg[],
    lotKg: number,
    originHubCode: string | null,
    destinationHubCode: string | null,
  ): TransportOption {
    let km = 0;
    let hours = 0;
    let ambientHours = 0;
    let total = 0;
    let costSoFar = 0;
    const legs: TransportLeg[] = [];
    for (const part of costed) {
      km += part.km;
      hours += part.leg.hours;
      ambientHours += part.leg.ambientHours ?? 0;
      total += part.cost;
      // Each leg's whole rupiah per kg is the rise of the rounded running total, so the legs add
      // up exactly to the option's cost per kg.
      const roundedSoFar = Math.max(0, Math.ceil(total / lotKg - ROUNDING_TOLERANCE));
      legs.push(
        this.legs.intern({
          ...part.leg,
          hours: Math.round(part.leg.hours * 10) / 10,
          ambientHours: Math.round((part.leg.ambientHours ?? 0) * 10) / 10,
          costPerUnit: roundedSoFar - costSoFar,
        }),
      );
      costSoFar = roundedSoFar;
    }
    return {
      mode,
      reefer,
      label: labelOf({ mode, reefer }),
      distanceKm: Math.round(km),
      transitDays: hours / 24,
      coldChain: !reefer ? 'none' : ambientHours > 0 ? 'broken' : 'full',
      ambientTransitDays: Math.min(ambientHours, hours) / 24,
      costPerUnit: costSoFar,
      shrinkFraction: this.modes.get(mode)?.shrinkFraction ?? 0,
      originHubCode,
      destinationHubCode,
      legs,
      lotKg,
    };
  }

  /**
   * The cheapest fleet of one truck class for a lot over a road chain: n trucks of the class,
   * each paying max(minimum trip, rate x km) plus its vehicle class's ferry fares.
   */
  private fleet(
    chain: RoadChain,
    lotKg: number,
    reefer: boolean,
  ): { truck: TruckClass; count: number; cost: number } | null {
    let best: { truck: TruckClass; count: number; cost: number } | null = null;
    for (const truck of this.trucks) {
      if (truck.reefer !== reefer) continue;
      const count = Math.ceil(lotKg / truck.capacityKg);
      const cost =
        count *
        (Math.max(truck.minTripIdr, truck.idrPerKm * chain.km) + chain.fares[truck.ferryClass]);
      if (!best || cost < best.cost) best = { truck, count, cost };
    }
    return best;
  }

  /** fleet(...).cost, memoised on the chain per lot band and cold chain; -1 when no truck fits. */
  private fleetCostOf(chain: RoadChain, band: number, reefer: boolean): number {
    const slot = band * 2 + (reefer ? 1 : 0);
    let cost = chain.fleetCost[slot];
    if (cost === -1) {
      cost = this.fleet(chain, LOT_BANDS_KG[band], reefer)?.cost ?? -2;
      chain.fleetCost[slot] = cost;
    }
    return cost < 0 ? -1 : cost;
  }

  /** Freight of the service leg alone (no handling), or -1 when the lot cannot go that way. */
  private freightCost(service: ServiceLeg, lotKg: number, reefer: boolean): number {
    if (service.air) {
      if (reefer) return -1;
      const air = service.air;
      return Math.max(lotKg, air.minChargeKg) * air.idrPerKg + air.documentFeeIdr;
    }
    const sea = service.sea!;
    const containers = sea.kind === 'container' && sea.rate20ftIdr !== null;
    let freight = Infinity;
    if (containers) {
      if (!reefer) freight = Math.ceil(lotKg / CONTAINER_PAYLOAD_KG) * sea.rate20ftIdr!;
      else if (sea.reeferPlugs > 0 && sea.rate20ftReeferIdr !== null) {
        freight = Math.ceil(lotKg / REEFER_CONTAINER_PAYLOAD_KG) * sea.rate20ftReeferIdr;
      }
    }
    if (!reefer && (sea.lcl || !containers)) {
      freight = Math.min(freight, Math.max(lotKg, sea.lclMinKg) * sea.lclIdrPerKg);
    }
    return freight === Infinity ? -1 : freight;
  }

  /** The legs of a truck trip: road steps share the trip's cost by km; crossings carry fares. */
  private truckLegs(chain: RoadChain, lotKg: number, reefer: boolean): CostedLeg[] | null {
    const best = this.fleet(chain, lotKg, reefer);
    if (!best) return null;
    const { truck, count } = best;
    const fleet = `${count} x ${truck.code}`;
    const speed = this.modes.get('road')?.speedKmh ?? 45;
    const tripCost = count * Math.max(truck.minTripIdr, truck.idrPerKm * chain.km);
    const legs: CostedLeg[] = [];
    for (const step of chain.steps) {
      if (step.kind === 'road') {
        legs.push({
          leg: {
            kind: 'road',
            from: step.from,
            to: step.to,
            hours: step.km / speed,
            freightClass: fleet,
            reefer,
            ambientHours: reefer ? 0 : step.km / speed,
          },
          km: step.km,
          cost: chain.km > 0 ? (tripCost * step.km) / chain.km : tripCost,
        });
      } else {
        const wait = 12 / Math.max(step.crossing.departuresPerDay, 1e-9);
        legs.push({
          leg: {
            kind: 'sea',
            from: step.from,
            to: step.to,
            hours: step.crossing.crossingHours + wait,
            service: step.crossing.code,
            freightClass: `${fleet} (ferry)`,
            waitHours: Math.round(wait * 10) / 10,
            departuresPerWeek: step.crossing.departuresPerDay * 7,
            reefer,
            ambientHours: reefer ? 0 : step.crossing.crossingHours + wait,
          },
          km: this.placeKm(step.from, step.to, 'sea'),
          cost: count * fareOf(step.crossing, truck),
        });
      }
    }
    if (chain.km === 0 && legs.every((leg) => leg.cost === 0)) {
      // Same place (a hub in the region's centre, or a region to itself): the minimum trip.
      if (legs.length === 0) {
        legs.push({
          leg: {
            kind: 'road',
            from: '',
            to: '',
            hours: LOCAL_TRIP_HOURS,
            freightClass: fleet,
            reefer,
            ambientHours: reefer ? 0 : LOCAL_TRIP_HOURS,
          },
          km: 0,
          cost: tripCost,
        });
      } else legs[0].cost = tripCost;
    }
    return legs;
  }

  /** Freight and hours of a service leg for a lot, or null when the lot cannot go (cold chain). */
  private serviceFreight(
    service: ServiceLeg,
    lotKg: number,
    reefer: boolean,
  ): { cost: number; hours: number; freightClass: string } | null {
    let freight: number;
    let freightClass: string;
    if (service.air) {
      if (reefer) return null;
      const air = service.air;
      freight = Math.max(lotKg, air.minChargeKg) * air.idrPerKg + air.documentFeeIdr;
      freightClass =
        lotKg < air.minChargeKg
          ? `air cargo, minimum ${air.minChargeKg} kg`
          : `air cargo ${lotKg} kg`;
    } else {
      const sea = service.sea!;
      const containers = sea.kind === 'container' && sea.rate20ftIdr !== null;
      if (reefer && (!containers || sea.reeferPlugs <= 0 || sea.rate20ftReeferIdr === null)) {
        return null;
      }
      freight = Infinity;
      freightClass = '';
      if (containers) {
        const payload = reefer ? REEFER_CONTAINER_PAYLOAD_KG : CONTAINER_PAYLOAD_KG;
        const boxes = Math.ceil(lotKg / payload);
        freight = boxes * (reefer ? sea.rate20ftReeferIdr! : sea.rate20ftIdr!);
        freightClass = `${boxes} x 20 ft${reefer ? ' reefer' : ''} (FCL)`;
      }
      if (!reefer && (sea.lcl || !containers)) {
        const lcl = Math.max(lotKg, sea.lclMinKg) * sea.lclIdrPerKg;
        if (lcl < freight) {
          freight = lcl;
          freightClass = containers ? `LCL ${lotKg} kg` : `${sea.kind} cargo ${lotKg} kg`;
        }
      }
      if (freight === Infinity) return null;
    }
    return {
      cost: freight + service.handlingIdrPerKg * lotKg,
      hours: service.hours + service.waitHours + service.handlingHours,
      freightClass,
    };
  }

  /** The service leg with handling at both hubs, as shown in explanations. */
  private serviceLegsCosted(
    service: ServiceLeg,
    lotKg: number,
    reefer: boolean,
  ): CostedLeg[] | null {
    const freight = this.serviceFreight(service, lotKg, reefer);
    if (!freight) return null;
    return [
      {
        leg: {
          kind: service.mode,
          from: service.from,
          to: service.to,
          hours: freight.hours,
          service: service.code,
          freightClass: freight.freightClass,
          waitHours: Math.round(service.waitHours * 10) / 10,
          departuresPerWeek: service.departuresPerWeek,
          reefer,
          ambientHours: reefer ? service.uncooledTransferHours : freight.hours,
        },
        km: service.km,
        cost: freight.cost,
      },
    ];
  }

  private handlingOf(hubCode: string): HubHandling {
    const own = this.handling.get(hubCode);
    if (own) return own;
    const kind = this.hubs.get(hubCode)?.kind ?? 'sea_port';
    return (
      this.handling.get(`default-${kind}`) ?? {
        hub: hubCode,
        handlingHours: 0,
        handlingIdrPerKg: 0,
      }
    );
  }

  /**
   * The truck's way between two places: straight on one landmass, otherwise the chain over ferry
   * crossings with the least fuso-equivalent cost (km x the fuso rate + fares), computed with a
   * small Dijkstra over the ferry ports and memoised. Null when no road or ferry joins them.
   */
  private chain(a: number, b: number): RoadChain | null {
    const key = a * this.places.length + b;
    const memo = this.chains.get(key);
    if (memo !== undefined) return memo;
    const result = this.findChain(a, b);
    this.chains.set(key, result);
    return result;
  }

  private findChain(a: number, b: number): RoadChain | null {
    const from = this.places[a];
    const to = this.places[b];
    if (from.landmass === to.landmass) {
      if (a !== b && this.roadClosed(from, to)) return null;
      const km = a === b ? 0 : this.roadKm(from, to);
      return this.chainOf(a === b ? [] : [{ kind: 'road', km, from: from.code, to: to.code }]);
    }
    const starts = this.portsOn.get(from.landmass);
    const ends = this.portsOn.get(to.landmass);
    if (!starts || !ends) return null;
    let best = Infinity;
    let bestStart = -1;
    let bestEnd = -1;
    for (const p of starts) {
      const start = this.places[this.ferryPorts[p]];
      if (start !== from && this.roadClosed(from, start)) continue;
      const toPort = this.roadKm(from, start);
      for (const q of ends) {
        const end = this.places[this.ferryPorts[q]];
        if (end !== to && this.roadClosed(end, to)) continue;
        const d = toPort + this.portWeight[p][q] + this.roadKm(end, to);
        if (d < best) {
          best = d;
          bestStart = p;
          bestEnd = q;
        }
      }
    }
    if (best === Infinity) return null;
    const steps: ChainStep[] = [];
    const road = (x: Place, y: Place) => {
      if (x !== y) steps.push({ kind: 'road', km: this.roadKm(x, y), from: x.code, to: y.code });
    };
    road(from, this.places[this.ferryPorts[bestStart]]);
    for (let p = bestStart; p !== bestEnd;) {
      const q = this.portNext[p][bestEnd];
      const crossing = this.portCrossing[p][q];
      const x = this.places[this.ferryPorts[p]];
      const y = this.places[this.ferryPorts[q]];
      if (crossing) steps.push({ kind: 'ferry', crossing, from: x.code, to: y.code });
      else road(x, y);
      p = q;
    }
    road(this.places[this.ferryPorts[bestEnd]], to);
    return this.chainOf(steps);
  }

  private chainOf(steps: ChainStep[]): RoadChain {
    const speed = this.modes.get('road')?.speedKmh ?? 45;
    const fares: Record<FerryVehicleClass, number> = { pickup: 0, engkel: 0, fuso: 0, tronton: 0 };
    let km = 0;
    let hours = 0;
    for (const step of steps) {
      if (step.kind === 'road') {
        km += step.km;
        hours += step.km / speed;
      } else {
        hours += step.crossing.crossingHours + 12 / Math.max(step.crossing.departuresPerDay, 1e-9);
        fares.pickup += step.crossing.farePickupIdr;
        fares.engkel += step.crossing.fareEngkelIdr;
        fares.fuso += step.crossing.fareFusoIdr;
        fares.tronton += step.crossing.fareTrontonIdr;
      }
    }
    return {
      steps,
      km,
      hours,
      fares,
      fleetCost: new Float64Array(LOT_BANDS_KG.length * 2).fill(-1),
    };
  }

  /**
   * All-pairs shortest ways between ferry ports (Floyd-Warshall over a dozen ports), weighted in
   * fuso-equivalent km: road km plus each crossing's fuso fare over the fuso rate per km.
   */
  private buildPortMatrix(): void {
    const m = this.ferryPorts.length;
    const fusoIdrPerKm =
      this.trucks.find((t) => t.ferryClass === 'fuso' && !t.reefer)?.idrPerKm ?? 7_000;
    for (let p = 0; p < m; p++) {
      const place = this.places[this.ferryPorts[p]];
      const list = this.portsOn.get(place.landmass) ?? [];
      list.push(p);
      this.portsOn.set(place.landmass, list);
      this.portWeight.push(new Array<number>(m).fill(Infinity));
      this.portNext.push(new Array<number>(m).fill(-1));
      this.portCrossing.push(new Array<FerryCrossing | null>(m).fill(null));
    }
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) {
        const x = this.places[this.ferryPorts[p]];
        const y = this.places[this.ferryPorts[q]];
        if (p === q) this.portWeight[p][q] = 0;
        else if (x.landmass === y.landmass && !this.roadClosed(x, y))
          this.portWeight[p][q] = this.roadKm(x, y);
        if (this.portWeight[p][q] < Infinity) this.portNext[p][q] = q;
      }
    }
    const localOf = new Map(this.ferryPorts.map((place, i) => [place, i]));
    for (const crossing of this.ferries) {
      const p = localOf.get(this.placeIndex.get(crossing.fromHub)!)!;
      const q = localOf.get(this.placeIndex.get(crossing.toHub)!)!;
      const w = crossing.fareFusoIdr / fusoIdrPerKm;
      for (const [x, y] of [
        [p, q],
        [q, p],
      ]) {
        if (w < this.portWeight[x][y]) {
          this.portWeight[x][y] = w;
          this.portNext[x][y] = y;
          this.portCrossing[x][y] = crossing;
        }
      }
    }
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          const d = this.portWeight[i][k] + this.portWeight[k][j];
          if (d < this.portWeight[i][j]) {
            this.portWeight[i][j] = d;
            this.portNext[i][j] = this.portNext[i][k];
          }
        }
      }
    }
  }

  private roadClosed(a: Place, b: Place): boolean {
    return this.closedRoads.size > 0 && this.closedRoads.has(roadLinkTarget(a.code, b.code));
  }

  private roadKm(a: Place, b: Place): number {
    const detour = this.modes.get('road')?.detourFactor ?? 1.3;
    return greatCircleKm(a.latitude, a.longitude, b.latitude, b.longitude) * detour;
  }

  private placeKm(fromCode: string, toCode: string, mode: TransportModeName): number {
    const a = this.places[this.placeIndex.get(fromCode)!];
    const b = this.places[this.placeIndex.get(toCode)!];
    const detour = this.modes.get(mode)?.detourFactor ?? 1;
    return greatCircleKm(a.latitude, a.longitude, b.latitude, b.longitude) * detour;
  }

  private addPlace(place: Place): void {
    this.placeIndex.set(place.code, this.places.length);
    this.places.push(place);
  }

  /** A hub's landmass: that of the nearest region of its province. */
  private landmassOfHub(hub: Hub): string | null {
    let home: RegionGeo | null = null;
    let best = Infinity;
    for (const region of this.regions) {
      if (region.provinceCode !== hub.provinceCode) continue;
      const km = greatCircleKm(hub.latitude, hub.longitude, region.latitude, region.longitude);
      if (km < best) {
        best = km;
        home = region;
      }
    }
    if (home) return landmassOf(home.islandGroup, home.code);
    const province = this.region(hub.provinceCode);
    return province ? landmassOf(province.islandGroup, province.code) : null;
  }
}

/**
 * Money is summed in floating point over several legs and rounded up once per leg boundary; the
 * tolerance keeps a sum like 104.00000000000001 from becoming Rp 105.
 */
const ROUNDING_TOLERANCE = 1e-6;

function fareOf(crossing: FerryCrossing, truck: TruckClass): number {
  switch (truck.ferryClass) {
    case 'pickup':
      return crossing.farePickupIdr;
    case 'engkel':
      return crossing.fareEngkelIdr;
    case 'fuso':
      return crossing.fareFusoIdr;
    default:
      return crossing.fareTrontonIdr;
  }
}

const ROAD_LINK_PREFIX = 'road:';

const OPTION_LABELS: readonly TransportOptionLabel[] = [
  'road',
  'road-reefer',
  'sea',
  'sea-reefer',
  'air',
];

/** Air is ambient only (no candidate is ever built as air with reefer). */
const labelOf = (c: { mode: TransportModeName; reefer: boolean }): TransportOptionLabel =>
  (c.reefer ? `${c.mode}-reefer` : c.mode) as TransportOptionLabel;

const modeOfLabel = (label: TransportOptionLabel): TransportModeName =>
  label.startsWith('road') ? 'road' : label.startsWith('sea') ? 'sea' : 'air';

/**
 * The closure target of the road between two places (region or hub codes), the same either way
 * round: `road:35.07:airport-juanda`. The model's roads run straight from place to place (a
 * region's centre to a hub, or to another region on the same land), so closing one closes that
 * trip: the lots of the region go through other hubs, or by other roads, or not at all. A truck
 * leg of a proposal names the same two places as its `from` and `to`.
 */
export function roadLinkTarget(a: string, b: string): string {
  const [first, second] = compareCodes(a, b) <= 0 ? [a, b] : [b, a];
  return `${ROAD_LINK_PREFIX}${first}:${second}`;
}

/** The two places of a road-link target, or null when the target is not one. */
export function roadLinkPlaces(target: string): [string, string] | null {
  if (!target.startsWith(ROAD_LINK_PREFIX)) return null;
  const parts = target.slice(ROAD_LINK_PREFIX.length).split(':');
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? [parts[0], parts[1]] : null;
}

/** Code-point order, independent of the locale (localeCompare is not). */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
