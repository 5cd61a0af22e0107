import type { TransportOption } from '../../logistics/logistics.types';
import { shelfLeftDays, shelfModel } from './pair-rules';
import { reachFrom, reachInto } from './reachability';
import { DAY_MS } from './route-table';
import { BATAM, CHILI, DAY, MALANG, NOW, referenceNetwork } from './testing/market.factory';

/** The transit out of the cold, as the engine counts it (whole ms, within the transit). */
const ambientMsOf = (option: TransportOption) =>
  Math.min(Math.round(option.ambientTransitDays * DAY_MS), Math.round(option.transitDays * DAY_MS));

/** A reach with its chilled days: the same fraction of chili's 14 cold days as of its 3. */
const withChilled = (reach: { fastestTransitMs: number; bestShelfLifeDays: number }) => ({
  ...reach,
  bestChilledShelfLifeDays: reach.bestShelfLifeDays * (14 / 3),
});

/** Every option between the given region pairs, with its whole-millisecond transit. */
function optionsOf(pairs: [number, number][]) {
  const network = referenceNetwork();
  return pairs.flatMap(([o, d]) =>
    network.optionsByIndex(o, d).map((option) => ({
      option,
      transitMs: Math.round(option.transitDays * DAY_MS),
    })),
  );
}

function allPairsInto(destinationCode: string): [number, number][] {
  const network = referenceNetwork();
  const d = network.regionIndex(destinationCode);
  return Array.from({ length: network.regionCount }, (_, o): [number, number] => [o, d]);
}

function allPairsFrom(originCode: string): [number, number][] {
  const network = referenceNetwork();
  const o = network.regionIndex(originCode);
  return Array.from({ length: network.regionCount }, (_, d): [number, number] => [o, d]);
}

describe('reach of one end of a trade', () => {
  const shelf = shelfModel(CHILI);

  it('knows nothing of an unknown region', () => {
    expect(reachInto(referenceNetwork(), '99.99', CHILI)).toBeNull();
    expect(reachFrom(referenceNetwork(), '99.99', CHILI, NOW, NOW)).toBeNull();
  });

  it('into a destination: the fastest transit and the most shelf life over every origin', () => {
    const reach = reachInto(referenceNetwork(), BATAM, CHILI);
    const options = optionsOf(allPairsInto(BATAM));
    expect(options.length).toBeGreaterThan(0);
    const fastest = Math.min(...options.map((o) => o.transitMs));
    const best = Math.max(
      ...options.map((o) => shelfLeftDays(0, o.transitMs, ambientMsOf(o.option), 0, shelf)),
    );
    expect(reach).toEqual(withChilled({ fastestTransitMs: fastest, bestShelfLifeDays: best }));
    // Goods harvested at departure: what is left of the ambient life once unloaded, however
    // cold the trip (a reefer slows the loss on the way, it adds no ambient days).
    // Local delivery (Batam to Batam, a 2-hour trip) keeps nearly all of it, never more.
    expect(reach!.bestShelfLifeDays).toBeLessThan(CHILI.shelfLifeDaysAmbient);
    expect(reach!.bestShelfLifeDays).toBeGreaterThanOrEqual(CHILI.shelfLifeDaysAmbient - 2 / 24);
  });

  it('from an origin: over every destination, counting the age of the goods at departure', () => {
    const fresh = reachFrom(referenceNetwork(), MALANG, CHILI, NOW, NOW);
    const aged = reachFrom(referenceNetwork(), MALANG, CHILI, NOW, NOW + DAY);
    const options = optionsOf(allPairsFrom(MALANG));
    const fastest = Math.min(...options.map((o) => o.transitMs));
    const bestAt = (age: number) =>
      Math.max(
        ...options.map((o) => shelfLeftDays(age, o.transitMs, ambientMsOf(o.option), 0, shelf)),
      );
    expect(fresh).toEqual(withChilled({ fastestTransitMs: fastest, bestShelfLifeDays: bestAt(0) }));
    expect(aged).toEqual(
      withChilled({ fastestTransitMs: fastest, bestShelfLifeDays: bestAt(DAY) }),
    );
    // A day on the shelf before leaving costs a third of the life: one ambient day on arrival.
    expect(fresh!.bestShelfLifeDays - aged!.bestShelfLifeDays).toBeCloseTo(1, 6);
  });

  it('counts the destination itself among the origins (local delivery)', () => {
    const network = referenceNetwork();
    const local = network.optionsByIndex(network.regionIndex(BATAM), network.regionIndex(BATAM));
    const reach = reachInto(network, BATAM, CHILI)!;
    for (const option of local) {
      expect(reach.fastestTransitMs).toBeLessThanOrEqual(Math.round(option.transitDays * DAY_MS));
    }
  });

  it('reaches into and from the first region in code order like any other', () => {
    // Region indices are dense and start at 0: index 0 is a real region, not "unknown".
    const network = referenceNetwork();
    const first = network.regionCodeAt(0);
    const into = optionsOf(allPairsInto(first));
    const from = optionsOf(allPairsFrom(first));
    expect(into.length).toBeGreaterThan(0);
    expect(from.length).toBeGreaterThan(0);
    expect(reachInto(network, first, CHILI)).toEqual(
      withChilled({
        fastestTransitMs: Math.min(...into.map((o) => o.transitMs)),
        bestShelfLifeDays: Math.max(
          ...into.map((o) => shelfLeftDays(0, o.transitMs, ambientMsOf(o.option), 0, shelf)),
        ),
      }),
    );
    expect(reachFrom(network, first, CHILI, NOW, NOW)).toEqual(
      withChilled({
        fastestTransitMs: Math.min(...from.map((o) => o.transitMs)),
        bestShelfLifeDays: Math.max(
          ...from.map((o) => shelfLeftDays(0, o.transitMs, ambientMsOf(o.option), 0, shelf)),
        ),
      }),
    );
  });

  it('into and from a region: over the regions there are, none past the last', () => {
    // Only real regions count: an index past the last still yields options from the network's
    // arrays that no trade could ever take. On the reference network they are faster than any
    // real one out of 11.03 and 11.14 (Aceh) and into 35.73 (Malang city); all 552 regions
    // would take 40 s.
    const network = referenceNetwork();
    const count = network.regionCount;
    const reach = (pairs: [number, number][]) => {
      const transits = pairs.flatMap(([o, d]) =>
        network.optionsByIndex(o, d).map((option) => ({
          ambientMs: ambientMsOf(option),
          transitMs: Math.round(option.transitDays * DAY_MS),
        })),
      );
      return withChilled({
        fastestTransitMs: Math.min(...transits.map((o) => o.transitMs)),
        bestShelfLifeDays: Math.max(
          ...transits.map((o) => shelfLeftDays(0, o.transitMs, o.ambientMs, 0, shelf)),
        ),
      });
    };
    const regions = Array.from({ length: count }, (_, i) => i);
    for (const code of ['11.03', '11.14', '35.73', network.regionCodeAt(count - 1)]) {
      const i = network.regionIndex(code);
      expect(i).toBeGreaterThanOrEqual(0);
      expect({ code, into: reachInto(network, code, CHILI) }).toEqual({
        code,
        into: reach(regions.map((o): [number, number] => [o, i])),
      });
      expect({ code, from: reachFrom(network, code, CHILI, NOW, NOW) }).toEqual({
        code,
        from: reach(regions.map((d): [number, number] => [i, d])),
      });
    }
  });
});
