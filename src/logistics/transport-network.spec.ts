import { greatCircleKm } from './great-circle';
import type { TransportNetworkData } from './logistics.types';
import { isRoadConnected } from './road-connectivity';
import { loadNetworkData } from './testing/reference-csv.loader';
import { TransportNetwork } from './transport-network';

const MALANG = '35.07';
const BATAM = '21.71';
const SURABAYA = '35.78';
const MEDAN = '12.71';
const BINJAI = '12.75';

describe('TransportNetwork on the reference data', () => {
  let data: TransportNetworkData;
  let network: TransportNetwork;

  beforeAll(() => {
    data = loadNetworkData();
    network = TransportNetwork.fromData(data);
  });

  const option = (from: string, to: string, label: string) =>
    network.options(from, to).find((o) => o.label === label);

  it('offers no road between Malang and Batam: the Riau Islands are off the ferry chain', () => {
    const labels = network.options(MALANG, BATAM).map((o) => o.label);
    expect(labels).toEqual(['air', 'air-reefer', 'sea', 'sea-reefer']);
  });

  it('flies Malang to Batam in 1-2 days door to door for Rp 18,000-25,000/kg', () => {
    const air = option(MALANG, BATAM, 'air')!;
    expect(air.transitDays).toBeGreaterThanOrEqual(1);
    expect(air.transitDays).toBeLessThanOrEqual(2);
    expect(air.costPerUnit).toBeGreaterThanOrEqual(18_000);
    expect(air.costPerUnit).toBeLessThanOrEqual(25_000);
    expect(air.destinationHubCode).toBe('airport-hang-nadim');
    expect(Number.isInteger(air.costPerUnit)).toBe(true);
    expect(Number.isInteger(air.distanceKm)).toBe(true);
  });

  it('ships Malang to Batam by reefer sea in 6-9 days for a few thousand rupiah per kg', () => {
    const sea = option(MALANG, BATAM, 'sea-reefer')!;
    expect(sea.transitDays).toBeGreaterThanOrEqual(6);
    expect(sea.transitDays).toBeLessThanOrEqual(9);
    expect(sea.costPerUnit).toBeGreaterThan(1_000);
    expect(sea.costPerUnit).toBeLessThan(5_000);
    expect(sea.originHubCode).toBe('port-tanjung-perak');
    expect(sea.destinationHubCode).toBe('port-batu-ampar');
    expect(sea.shrinkFraction).toBeCloseTo(0.1);
    // The reefer surcharge applies to every leg, so it costs more than ambient sea.
    expect(sea.costPerUnit).toBeGreaterThan(option(MALANG, BATAM, 'sea')!.costPerUnit);
  });

  it('trucks Malang to Surabaya in under a day, and nothing else', () => {
    const options = network.options(MALANG, SURABAYA);
    expect(options.map((o) => o.label)).toEqual(['road', 'road-reefer']);
    expect(options[0].transitDays).toBeLessThan(1);
    expect(options[0].originHubCode).toBeNull();
    const straight = greatCircleKm(-8.12606, 112.64126, -7.27398, 112.72285);
    expect(options[0].distanceKm).toBe(Math.round(straight * 1.3));
  });

  it.each([MEDAN, BINJAI])('serves %s to Batam by sea and air only', (origin) => {
    const modes = new Set(network.options(origin, BATAM).map((o) => o.mode));
    expect([...modes].sort()).toEqual(['air', 'sea']);
  });

  it('trucks across the ferry chain from Lombok to Java but not from Sumbawa to Bali', () => {
    expect(network.options('52.71', MALANG).map((o) => o.mode)).toEqual(['road', 'road']);
    expect(network.options('52.04', '51.71').map((o) => o.mode)).toEqual([
      'air',
      'air',
      'sea',
      'sea',
    ]);
    // Sumbawa and Lombok share an island group, so road works between them.
    expect(network.options('52.04', '52.71').map((o) => o.mode)).toEqual(['road', 'road']);
  });

  it('routes every region to every sampled destination somehow', () => {
    // Every 7th region as destination keeps this quick while covering every island group.
    const destinations = data.regions.filter((_, i) => i % 7 === 0);
    expect(new Set(destinations.map((r) => r.islandGroup)).size).toBe(12);
    let missing = 0;
    for (const a of data.regions) {
      for (const b of destinations) if (network.options(a.code, b.code).length === 0) missing++;
    }
    expect(missing).toBe(0);
  });

  it('picks the nearest port a truck can reach', () => {
    expect(network.nearestHubOf(MALANG, 'sea_port')?.code).toBe('port-tanjung-perak');
    expect(network.nearestHubOf(BATAM, 'sea_port')?.code).toBe('port-batu-ampar');
    // Yogyakarta has no port of its own; Java's road network reaches one anyway.
    expect(network.nearestHubOf('34.71', 'sea_port')).not.toBeNull();
  });

  it('returns the same cached array for a repeated pair and nothing for unknown regions', () => {
    expect(network.options(MALANG, BATAM)).toBe(network.options(MALANG, BATAM));
    expect(network.options('99.99', BATAM)).toEqual([]);
  });
});

describe('TransportNetwork on a tiny hand-made map', () => {
  const road = {
    mode: 'road' as const,
    detourFactor: 1,
    speedKmh: 48,
    handlingDays: 0,
    waitDays: 0,
    fixedIdrPerKg: 10,
    idrPerKgKm: 1,
    reeferMultiplier: 2,
    shrinkFraction: 0.02,
  };
  const sea = {
    ...road,
    mode: 'sea' as const,
    speedKmh: 24,
    handlingDays: 1,
    waitDays: 1,
    shrinkFraction: 0.1,
  };
  const air = {
    ...road,
    mode: 'air' as const,
    speedKmh: 480,
    fixedIdrPerKg: 1000,
    shrinkFraction: 0.04,
  };
  const network = TransportNetwork.fromData({
    regions: [
      { code: 'A', provinceCode: null, islandGroup: 'java', latitude: 0, longitude: 0 },
      { code: 'B', provinceCode: null, islandGroup: 'papua', latitude: 0, longitude: 1 },
    ],
    hubs: [
      {
        code: 'pa',
        name: 'A port',
        kind: 'sea_port',
        provinceCode: 'A',
        latitude: 0,
        longitude: 0,
      },
      {
        code: 'pb',
        name: 'B port',
        kind: 'sea_port',
        provinceCode: 'B',
        latitude: 0,
        longitude: 1,
      },
    ],
    modes: [road, sea, air],
  });

  it('adds road legs, main leg, handling and waiting, and rounds cost up once', () => {
    const [ambient, reefer] = network.options('A', 'B');
    const km = greatCircleKm(0, 0, 0, 1);
    expect(ambient.label).toBe('sea');
    expect(ambient.distanceKm).toBe(Math.round(km));
    // Two zero-length road legs (no handling in this map) plus the sea leg.
    expect(ambient.transitDays).toBeCloseTo(km / 24 / 24 + 2, 9);
    expect(ambient.costPerUnit).toBe(Math.ceil(10 + 10 + km + 10));
    expect(reefer.costPerUnit).toBe(Math.ceil(2 * (10 + 10 + km + 10)));
    // No airports on this map: no air option.
    expect(network.options('A', 'B').some((o) => o.mode === 'air')).toBe(false);
  });

  it('treats road connectivity as island group or ferry chain', () => {
    const linked = (islandGroup: string, ferryLinked: boolean) => ({ islandGroup, ferryLinked });
    expect(isRoadConnected(linked('java', true), linked('sumatra', true))).toBe(true);
    expect(isRoadConnected(linked('java', true), linked('riau-islands', false))).toBe(false);
    expect(isRoadConnected(linked('kalimantan', false), linked('kalimantan', false))).toBe(true);
  });
});
