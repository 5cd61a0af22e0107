/**
 * The transport model as it was before the service network (nearest hub by straight line, one
 * parameter row per mode), kept verbatim as the baseline of bench/service-network.bench.ts so
 * that the route-building cost of the new model is measured against it in the same run.
 */
import { greatCircleKm } from '../../src/logistics/great-circle';
import type {
  Hub,
  HubKind,
  RegionGeo,
  TransportModeName,
  TransportModeParams,
  TransportLeg,
  TransportNetworkData,
  TransportOption,
} from '../../src/logistics/logistics.types';
import { isFerryLinked, isRoadConnected, type RoadPlace } from './legacy-road-connectivity';

/**
 * Money is summed in floating point over two or three legs and rounded up once at the end; the
 * tolerance keeps a sum like 104.00000000000001 from becoming Rp 105.
 */
const ROUNDING_TOLERANCE = 1e-6;

interface Leg {
  mode: TransportModeName;
  km: number;
  from: string;
  to: string;
}

interface HubSite {
  hub: Hub;
  place: RoadPlace;
}

/**
 * The transport cost-and-time model over the reference regions and hubs.
 *
 * Road when the two regions are road-connected (see road-connectivity.ts); otherwise sea and air,
 * each as road leg to the origin's nearest suitable hub, main leg hub to hub, road leg from the
 * destination's nearest suitable hub. Every mode runs ambient and reefer. Options for a region
 * pair are computed once and cached: the engine evaluates many listing-request pairs but only a
 * few thousand distinct region pairs.
 *
 * Shrink of an option is the main mode's shrink: the road legs to and from a hub are short, and
 * the calibrated figure for the main mode already describes a door-to-door shipment by it.
 */
export class LegacyTransportNetwork {
  private readonly regionCodes: string[];
  private readonly indexByCode = new Map<string, number>();
  private readonly regions: RegionGeo[];
  private readonly places: RoadPlace[];
  private readonly modes = new Map<TransportModeName, TransportModeParams>();
  /** nearestHub[kind][regionIndex]: the closest hub of that kind a truck can reach, or null. */
  private readonly nearestHub: Record<HubKind, (HubSite | null)[]>;
  private readonly cache: (readonly TransportOption[] | undefined)[];

  private constructor(readonly data: TransportNetworkData) {
    this.regions = [...data.regions].sort((a, b) => compareCodes(a.code, b.code));
    this.regionCodes = this.regions.map((region) => region.code);
    this.regionCodes.forEach((code, index) => this.indexByCode.set(code, index));
    this.places = this.regions.map((region) => ({
      islandGroup: region.islandGroup,
      ferryLinked: isFerryLinked(region.islandGroup, region.code),
    }));
    for (const mode of data.modes) this.modes.set(mode.mode, mode);

    const sites = [...data.hubs]
      .sort((a, b) => compareCodes(a.code, b.code))
      .map((hub) => this.siteOf(hub))
      .filter((site): site is HubSite => site !== null);
    this.nearestHub = {
      sea_port: this.regions.map((region, i) => this.findNearestHub(region, i, sites, 'sea_port')),
      airport: this.regions.map((region, i) => this.findNearestHub(region, i, sites, 'airport')),
    };
    // fill() keeps the array in V8's fast (packed) mode; a large `new Array(n)` starts sparse.
    this.cache = new Array<readonly TransportOption[] | undefined>(
      this.regions.length * this.regions.length,
    ).fill(undefined);
  }

  static fromData(data: TransportNetworkData): LegacyTransportNetwork {
    return new LegacyTransportNetwork(data);
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

  /** The nearest hub of a kind that a truck from the region can reach, or null. */
  nearestHubOf(regionCode: string, kind: HubKind): Hub | null {
    const index = this.regionIndex(regionCode);
    return index < 0 ? null : (this.nearestHub[kind][index]?.hub ?? null);
  }

  /** Transport options from one region to another, sorted by label; empty when there is none. */
  options(originCode: string, destinationCode: string): readonly TransportOption[] {
    const origin = this.regionIndex(originCode);
    const destination = this.regionIndex(destinationCode);
    if (origin < 0 || destination < 0) return [];
    return this.optionsByIndex(origin, destination);
  }

  optionsByIndex(origin: number, destination: number): readonly TransportOption[] {
    const key = origin * this.regions.length + destination;
    let options = this.cache[key];
    if (options === undefined) {
      options = this.buildOptions(origin, destination);
      this.cache[key] = options;
    }
    return options;
  }

  private buildOptions(origin: number, destination: number): TransportOption[] {
    const from = this.regions[origin];
    const to = this.regions[destination];
    const options: TransportOption[] = [];
    if (isRoadConnected(this.places[origin], this.places[destination])) {
      const km = this.legKm('road', from, to);
      if (km !== null) {
        for (const reefer of [false, true]) {
          const option = this.option(
            'road',
            reefer,
            [{ mode: 'road', km, from: from.code, to: to.code }],
            null,
            null,
          );
          if (option) options.push(option);
        }
      }
    } else {
      for (const [mode, kind] of [
        ['sea', 'sea_port'],
        ['air', 'airport'],
      ] as const) {
        const originHub = this.nearestHub[kind][origin];
        const destinationHub = this.nearestHub[kind][destination];
        // Both ends on the same hub would be a road trip in disguise; the road rule said no.
        if (!originHub || !destinationHub || originHub === destinationHub) continue;
        const firstMile = this.legKm('road', from, originHub.hub);
        const main = this.legKm(mode, originHub.hub, destinationHub.hub);
        const lastMile = this.legKm('road', destinationHub.hub, to);
        if (firstMile === null || main === null || lastMile === null) continue;
        const legs: Leg[] = [
          { mode: 'road', km: firstMile, from: from.code, to: originHub.hub.code },
          { mode, km: main, from: originHub.hub.code, to: destinationHub.hub.code },
          { mode: 'road', km: lastMile, from: destinationHub.hub.code, to: to.code },
        ];
        for (const reefer of [false, true]) {
          const option = this.option(
            mode,
            reefer,
            legs,
            originHub.hub.code,
            destinationHub.hub.code,
          );
          if (option) options.push(option);
        }
      }
    }
    return options.sort((a, b) => compareCodes(a.label, b.label));
  }

  private option(
    mode: TransportModeName,
    reefer: boolean,
    legs: Leg[],
    originHubCode: string | null,
    destinationHubCode: string | null,
  ): TransportOption | null {
    const main = this.modes.get(mode);
    if (!main) return null;
    let km = 0;
    let days = 0;
    let cost = 0;
    const routeLegs: TransportLeg[] = [];
    let costSoFar = 0;
    for (const leg of legs) {
      const params = this.modes.get(leg.mode);
      if (!params) return null;
      km += leg.km;
      const legDays = leg.km / params.speedKmh / 24 + params.handlingDays + params.waitDays;
      days += legDays;
      cost +=
        (params.fixedIdrPerKg + params.idrPerKgKm * leg.km) *
        (reefer ? params.reeferMultiplier : 1);
      // Each leg's whole rupiah is the rise of the rounded running total, so the legs add up
      // exactly to the option's rounded cost.
      const roundedSoFar = Math.max(0, Math.ceil(cost - ROUNDING_TOLERANCE));
      routeLegs.push({
        kind: leg.mode,
        from: leg.from,
        to: leg.to,
        hours: Math.round(legDays * 240) / 10,
        costPerUnit: roundedSoFar - costSoFar,
      });
      costSoFar = roundedSoFar;
    }
    return {
      mode,
      reefer,
      // The legacy model had an air-reefer option; the label type no longer names it.
      label: (reefer ? `${mode}-reefer` : mode) as TransportOption['label'],
      distanceKm: Math.round(km),
      transitDays: days,
      coldChain: reefer ? 'full' : 'none',
      ambientTransitDays: reefer ? 0 : days,
      costPerUnit: Math.max(0, Math.ceil(cost - ROUNDING_TOLERANCE)),
      shrinkFraction: main.shrinkFraction,
      originHubCode,
      destinationHubCode,
      legs: routeLegs,
    };
  }

  private legKm(
    mode: TransportModeName,
    from: { latitude: number; longitude: number },
    to: { latitude: number; longitude: number },
  ): number | null {
    const params = this.modes.get(mode);
    if (!params) return null;
    return (
      greatCircleKm(from.latitude, from.longitude, to.latitude, to.longitude) * params.detourFactor
    );
  }

  /**
   * A hub's island group is its province's. Whether it sits on Lombok (the one island group that
   * is only partly on the ferry chain) is read from the nearest region of its province.
   */
  private siteOf(hub: Hub): HubSite | null {
    const province = this.region(hub.provinceCode);
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
    const islandGroup = province?.islandGroup ?? home?.islandGroup;
    if (islandGroup === undefined) return null;
    return {
      hub,
      place: {
        islandGroup,
        ferryLinked: isFerryLinked(islandGroup, home?.code ?? hub.provinceCode),
      },
    };
  }

  private findNearestHub(
    region: RegionGeo,
    index: number,
    sites: HubSite[],
    kind: HubKind,
  ): HubSite | null {
    let nearest: HubSite | null = null;
    let best = Infinity;
    for (const site of sites) {
      if (site.hub.kind !== kind || !isRoadConnected(this.places[index], site.place)) continue;
      const km = greatCircleKm(
        region.latitude,
        region.longitude,
        site.hub.latitude,
        site.hub.longitude,
      );
      // Strictly nearer only: ties keep the hub with the smaller code (sites are sorted by code).
      if (km < best) {
        best = km;
        nearest = site;
      }
    }
    return nearest;
  }
}

/** Code-point order, independent of the locale (localeCompare is not). */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
