import type { TransportModeParams, TransportNetworkData } from './logistics.types';
import { loadNetworkData } from './testing/reference-csv.loader';
import {
  LOT_BANDS_KG,
  lotBandIndex,
  roadLinkPlaces,
  roadLinkTarget,
  TransportNetwork,
} from './transport-network';

const mode = (name: 'road' | 'sea' | 'air', shrinkFraction: number): TransportModeParams => ({
  mode: name,
  detourFactor: 1,
  speedKmh: 50,
  handlingDays: 0,
  waitDays: 0,
  fixedIdrPerKg: 0,
  idrPerKgKm: 0,
  reeferMultiplier: 1,
  shrinkFraction,
});

/**
 * A hand-made map: island J (regions J1, J2 and a ferry port), island S across a strait (port,
 * region S1), island K reached only by a sea service from J's port and a flight from J's far
 * airport (the airport near J1 has no route at all).
 */
function tinyMap(overrides: Partial<TransportNetworkData> = {}): TransportNetworkData {
  const region = (code: string, islandGroup: string, longitude: number) => ({
    code,
    provinceCode: code.slice(0, 2),
    islandGroup,
    latitude: 0,
    longitude,
  });
  const hub = (
    code: string,
    kind: 'sea_port' | 'airport',
    provinceCode: string,
    longitude: number,
  ) => ({
    code,
    name: code,
    kind,
    provinceCode,
    latitude: 0,
    longitude,
  });
  return {
    regions: [
      region('J1', 'java', 0),
      region('J2', 'java', 1),
      region('S1', 'sumatra', 3),
      region('K1', 'kalimantan', 6),
    ],
    hubs: [
      hub('ferry-j', 'sea_port', 'J2', 1.5),
      hub('ferry-s', 'sea_port', 'S1', 2),
      hub('port-j', 'sea_port', 'J2', 1),
      hub('port-k', 'sea_port', 'K1', 6),
      hub('air-near', 'airport', 'J1', 0.05),
      hub('air-far', 'airport', 'J2', 1.2),
      hub('air-k', 'airport', 'K1', 6),
    ],
    modes: [mode('road', 0.02), mode('sea', 0.05), mode('air', 0.04)],
    ferryCrossings: [
      {
        code: 'strait',
        fromHub: 'ferry-j',
        toHub: 'ferry-s',
        crossingHours: 2,
        departuresPerDay: 12,
        farePickupIdr: 100_000,
        fareEngkelIdr: 200_000,
        fareFusoIdr: 300_000,
        fareTrontonIdr: 400_000,
      },
    ],
    seaServices: [
      {
        code: 'liner',
        fromHub: 'port-j',
        toHub: 'port-k',
        kind: 'container',
        sailingHours: 48,
        departuresPerWeek: 2,
        reeferPlugs: 10,
        lcl: true,
        rate20ftIdr: 10_000_000,
        rate20ftReeferIdr: 19_000_000,
        lclIdrPerKg: 1_250,
        lclMinKg: 250,
      },
    ],
    airRoutes: [
      {
        code: 'flight',
        fromHub: 'air-far',
        toHub: 'air-k',
        flightsPerDay: 2,
        flightHours: 1.5,
        idrPerKg: 20_000,
        minChargeKg: 10,
        documentFeeIdr: 25_000,
      },
    ],
    truckClasses: [
      {
        code: 'pickup',
        name: 'pickup',
        reefer: false,
        capacityKg: 1_000,
        ferryClass: 'pickup',
        idrPerKm: 3_000,
        minTripIdr: 300_000,
      },
      {
        code: 'engkel',
        name: 'engkel',
        reefer: false,
        capacityKg: 3_000,
        ferryClass: 'engkel',
        idrPerKm: 5_000,
        minTripIdr: 600_000,
      },
      {
        code: 'engkel-reefer',
        name: 'engkel reefer',
        reefer: true,
        capacityKg: 2_500,
        ferryClass: 'engkel',
        idrPerKm: 8_000,
        minTripIdr: 900_000,
      },
    ],
    hubHandling: [
      { hub: 'default-sea_port', handlingHours: 12, handlingIdrPerKg: 100 },
      { hub: 'default-airport', handlingHours: 4, handlingIdrPerKg: 1_000 },
    ],
    ...overrides,
  };
}

describe('TransportNetwork over a service network', () => {
  const network = TransportNetwork.fromData(tinyMap());

  it('drives across a ferry crossing, paying the fare of the truck class that carries the lot', () => {
    const [road] = network.options('J1', 'S1', 1_000);
    expect(road.label).toBe('road');
    expect(road.legs.map((l) => l.kind)).toEqual(['road', 'sea', 'road']);
    const ferry = road.legs[1];
    expect(ferry.service).toBe('strait');
    expect(ferry.freightClass).toBe('1 x pickup (ferry)');
    expect(ferry.costPerUnit).toBe(100); // Rp 100,000 / 1,000 kg
    expect(ferry.waitHours).toBe(1); // half of a 2-hour headway
    // 3,000 kg needs an engkel (or three pick-ups): the engkel's fare applies.
    const [bigger] = network.options('J1', 'S1', 3_000);
    expect(bigger.legs[1].freightClass).toBe('1 x engkel (ferry)');
  });

  it('costs small lots at their minimum charges, so a kilo costs more in a small lot', () => {
    const small = network.options('J1', 'K1', 100).find((o) => o.label === 'sea')!;
    const large = network.options('J1', 'K1', 30_000).find((o) => o.label === 'sea')!;
    expect(small.costPerUnit).toBeGreaterThan(large.costPerUnit);
    // 100 kg pays the LCL minimum of 250 kg; 30 t fills two containers.
    expect(small.legs.find((l) => l.kind === 'sea')!.freightClass).toBe('LCL 100 kg');
    expect(large.legs.find((l) => l.kind === 'sea')!.freightClass).toBe('2 x 20 ft (FCL)');
  });

  it('uses the airport that has a route, not the one nearest by straight line', () => {
    const air = network.options('J1', 'K1', 1_000).find((o) => o.mode === 'air')!;
    expect(air.originHubCode).toBe('air-far');
    expect(air.legs.find((l) => l.kind === 'air')!.waitHours).toBe(6); // 2 flights a day
  });

  it('offers no reefer by air: no such service exists for produce', () => {
    const labels = network.options('J1', 'K1', 1_000).map((o) => o.label);
    expect(labels).toContain('sea-reefer');
    expect(labels).not.toContain('air-reefer');
  });

  it('drops a closed service and a closed hub from every route', () => {
    const closed = TransportNetwork.fromData(
      tinyMap({ closures: [{ target: 'flight', from: 0, until: 1, reason: 'storm' }] }),
    );
    expect(closed.options('J1', 'K1', 1_000).some((o) => o.mode === 'air')).toBe(false);
    const portClosed = TransportNetwork.fromData(
      tinyMap({ closures: [{ target: 'ferry-s', from: 0, until: 1, reason: 'port closed' }] }),
    );
    expect(portClosed.options('J1', 'S1', 1_000)).toEqual([]);
  });

  it('closes a road link between a region and a hub for that region alone, either way round', () => {
    const closing = (target: string) =>
      TransportNetwork.fromData(
        tinyMap({ closures: [{ target, from: 0, until: 1, reason: 'banjir' }] }),
      );
    expect(roadLinkTarget('air-far', 'J1')).toBe('road:J1:air-far');
    expect(roadLinkTarget('J1', 'air-far')).toBe('road:J1:air-far');
    expect(roadLinkPlaces('road:J1:air-far')).toEqual(['J1', 'air-far']);
    expect(roadLinkPlaces('air-far')).toBeNull();
    // Open: J1's lot flies from air-far, trucked there first.
    const flight = network.options('J1', 'K1', 1_000).find((o) => o.mode === 'air')!;
    expect(flight.legs[0]).toMatchObject({ kind: 'road', from: 'J1', to: 'air-far' });
    const flooded = closing(roadLinkTarget('J1', 'air-far'));
    expect(flooded.options('J1', 'K1', 1_000).some((o) => o.mode === 'air')).toBe(false);
    // The sea service from port-j is still reachable from J1, and J2 still flies.
    expect(flooded.options('J1', 'K1', 1_000).some((o) => o.mode === 'sea')).toBe(true);
    expect(flooded.options('J2', 'K1', 1_000).some((o) => o.mode === 'air')).toBe(true);
    // The road from a ferry port to the region beyond it: the chain across the strait breaks.
    expect(network.options('J1', 'S1', 1_000).length).toBeGreaterThan(0);
    expect(closing(roadLinkTarget('S1', 'ferry-s')).options('J1', 'S1', 1_000)).toEqual([]);
    // A road between two regions on one island: the door-to-door trip is gone.
    expect(network.options('J1', 'J2', 1_000).some((o) => o.mode === 'road')).toBe(true);
    expect(
      closing(roadLinkTarget('J1', 'J2'))
        .options('J1', 'J2', 1_000)
        .some((o) => o.mode === 'road'),
    ).toBe(false);
  });

  it('caches each pair and lot band, and knows nothing of unknown regions', () => {
    expect(network.options('J1', 'K1', 1_000)).toBe(network.options('J1', 'K1', 2_999));
    expect(network.options('J1', 'K1', 1_000)).not.toBe(network.options('J1', 'K1', 3_000));
    expect(network.options('ZZ', 'K1')).toEqual([]);
  });

  it('bands lots downwards', () => {
    expect(lotBandIndex(1)).toBe(0);
    expect(LOT_BANDS_KG[lotBandIndex(2_999)]).toBe(1_000);
    expect(LOT_BANDS_KG[lotBandIndex(1_000_000)]).toBe(30_000);
  });
});

describe('TransportNetwork on the seeded network', () => {
  const data = loadNetworkData();
  const network = TransportNetwork.fromData(data);

  it('reaches every sampled destination from every region somehow', () => {
    const destinations = data.regions.filter((_, i) => i % 11 === 0);
    let missing = 0;
    for (const a of data.regions.filter((_, i) => i % 3 === 0)) {
      for (const b of destinations) if (network.options(a.code, b.code).length === 0) missing++;
    }
    expect(missing).toBe(0);
  });

  it('keeps one frozen object per distinct leg, shared by the routes that travel it', () => {
    // Malang's chili to the Riau Islands and to Jakarta: the truck to Malang's ports and the
    // sailings out of them repeat from one destination to the next.
    const legs = ['21.71', '21.72', '21.01', '31.71', '31.72'].flatMap((destination) =>
      [1_000, 10_000].flatMap((lotKg) =>
        network.options('35.07', destination, lotKg).flatMap((option) => option.legs),
      ),
    );
    const byValue = new Map<string, Set<object>>();
    for (const leg of legs) {
      const key = JSON.stringify(leg);
      byValue.set(key, (byValue.get(key) ?? new Set()).add(leg));
    }
    expect(legs.length).toBeGreaterThan(byValue.size); // some legs repeat, or this proves nothing
    expect([...byValue.values()].filter((same) => same.size > 1)).toEqual([]);
    expect(legs.every((leg) => Object.isFrozen(leg))).toBe(true);
  });

  it('keeps the cheapest full cold chain beside a cheaper broken one (Jakarta to Manado, 30 t)', () => {
    // Reefer boxes via Bitung (no reefer plugs recorded) are the cheapest; via Makassar (plugs on
    // the yard, ARPI) the chain holds: from Tanjung Priok the cheaper, from Tanjung Perak the
    // faster. Fish can take only a full chain, so the cheapest full one must not be dropped as
    // neither the cheapest nor the fastest sea-reefer option.
    const reefer = network
      .options('31.71', '71.71', 30_000)
      .filter((o) => o.label === 'sea-reefer');
    const broken = reefer.filter((o) => o.coldChain === 'broken');
    const full = reefer.filter((o) => o.coldChain === 'full');
    expect(broken.map((o) => o.destinationHubCode)).toEqual(['port-bitung']);
    expect(full.map((o) => `${o.originHubCode}>${o.destinationHubCode}`).sort()).toEqual([
      'port-tanjung-perak>port-makassar-soekarno-hatta',
      'port-tanjung-priok>port-makassar-soekarno-hatta',
    ]);
    expect(broken[0].costPerUnit).toBeLessThan(Math.min(...full.map((o) => o.costPerUnit)));
    // Every leg of a full chain is cold; the broken one's hours out of the cold are at Bitung.
    for (const option of full) {
      expect(option.ambientTransitDays).toBe(0);
      expect(option.legs.every((leg) => leg.reefer === true && leg.ambientHours === 0)).toBe(true);
    }
    const sea = broken[0].legs.find((leg) => leg.kind === 'sea')!;
    expect(sea.ambientHours).toBeGreaterThan(0);
    expect(broken[0].ambientTransitDays * 24).toBeCloseTo(sea.ambientHours!, 1);
  });

  it('puts Lombok and Sumbawa, and Flores and Timor, on different land', () => {
    expect(network.landmass('52.71')).toBe('lombok');
    expect(network.landmass('52.04')).toBe('sumbawa');
    expect(network.landmass('53.15')).toBe('flores');
    expect(network.landmass('53.71')).toBe('nusa-tenggara-timur');
  });
});
