import type { CommodityRow } from '../src/logistics/testing/reference-csv.loader';
import type { RegionGeo } from '../src/logistics/logistics.types';
import type { CommodityMarket, EngineListing, EngineRequest } from '../src/matching/engine';

/**
 * Seeded synthetic markets for the benchmark. Supply comes from producer regencies on Java,
 * Sumatra and Sulawesi (a few big producer regions, many small ones); demand from cities all over
 * the country, Batam weighted up as in the founding case. Farm-gate asking prices sit below the
 * national retail price of commodities-id.csv, buyers' maximum landed prices around it; windows
 * and shelf-life requirements follow the commodity's shelf life.
 */

const DAY = 86_400_000;

export type RegionRow = RegionGeo & { name: string; type: string };

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Weighted<T> {
  items: T[];
  cumulative: number[];
}

function weighted<T>(items: T[], weight: (item: T) => number): Weighted<T> {
  let total = 0;
  const cumulative = items.map((item) => (total += weight(item)));
  return { items, cumulative };
}

function pick<T>(table: Weighted<T>, random: () => number): T {
  const x = random() * table.cumulative[table.cumulative.length - 1];
  let lo = 0;
  let hi = table.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return table.items[lo];
}

export interface GeneratedMarket {
  now: number;
  markets: CommodityMarket[];
}

export interface GeneratorOptions {
  /** Listings in total (and as many requests), spread evenly over the commodities. */
  size: number;
  commodities: readonly CommodityRow[];
  regions: readonly RegionRow[];
  seed: number;
  now?: number;
}

export function generateMarket(options: GeneratorOptions): GeneratedMarket {
  const random = seededRandom(options.seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const int = (lo: number, hi: number) => Math.floor(uniform(lo, hi + 1));
  const now = options.now ?? Date.UTC(2026, 0, 5, 0, 0, 0);

  const islandWeight: Record<string, number> = { java: 5, sumatra: 3, sulawesi: 2 };
  // Each producer regency gets a skewed size: a few dominate, as in real production statistics.
  const producers = weighted(
    options.regions.filter(
      (r) => r.type === 'regency' && islandWeight[r.islandGroup] !== undefined,
    ),
    (r) => islandWeight[r.islandGroup] * random() ** 3,
  );
  const consumers = weighted(
    options.regions.filter((r) => r.type === 'city'),
    (r) => (r.code === '21.71' ? 25 : r.islandGroup === 'java' ? 2 : 1) * (0.2 + random()),
  );

  const perCommodity = Math.max(1, Math.round(options.size / options.commodities.length));
  const markets = options.commodities.map((commodity, c): CommodityMarket => {
    const grades = Math.max(1, commodity.grades.length);
    const life = commodity.shelfLifeDaysAmbient;
    const price = commodity.typicalPricePerUnit;
    const listings: EngineListing[] = [];
    const requests: EngineRequest[] = [];
    for (let i = 0; i < perCommodity; i++) {
      const availableFrom = now + Math.round(uniform(-2, 5) * DAY);
      const span = Math.min(Math.max(3, life), 21);
      listings.push({
        id: `L${String(c).padStart(2, '0')}-${String(i).padStart(6, '0')}`,
        commodityCode: commodity.code,
        gradeRank: int(0, grades - 1),
        remainingQuantity: 10 * int(50, 2000),
        minOrderQuantity: random() < 0.3 ? 50 * int(2, 20) : 0,
        pricePerUnit: Math.round(price * uniform(0.5, 0.85)),
        originRegionCode: pick(producers, random).code,
        availableFrom,
        availableUntil: availableFrom + Math.round(uniform(0.3, 1) * span * DAY),
        harvestedAt: availableFrom - Math.round(uniform(0, Math.min(1, life / 4)) * DAY),
      });
    }
    for (let j = 0; j < perCommodity; j++) {
      const deliverFrom = random() < 0.5 ? null : now + Math.round(uniform(0, 7) * DAY);
      requests.push({
        id: `R${String(c).padStart(2, '0')}-${String(j).padStart(6, '0')}`,
        commodityCode: commodity.code,
        minGradeRank: int(0, grades - 1),
        remainingQuantity: 10 * int(20, 1000),
        maxPricePerUnit: Math.round(price * uniform(0.85, 1.35)),
        destinationRegionCode: pick(consumers, random).code,
        deliverFrom,
        deliverBy: (deliverFrom ?? now) + Math.round(uniform(2, 21) * DAY),
        minShelfLifeDaysOnArrival:
          Math.round(Math.min(uniform(0.5, 3), 0.5 * commodity.shelfLifeDaysCold) * 10) / 10,
      });
    }
    return {
      commodityCode: commodity.code,
      shelfLife: {
        shelfLifeDaysAmbient: commodity.shelfLifeDaysAmbient,
        shelfLifeDaysCold: commodity.shelfLifeDaysCold,
        grades: commodity.grades,
      },
      listings,
      requests,
    };
  });
  return { now, markets };
}

/** One more listing for a live market (for the incremental measurements). */
export function extraListing(
  market: CommodityMarket,
  template: EngineListing,
  id: string,
  random: () => number,
): EngineListing {
  const other = market.listings[Math.floor(random() * market.listings.length)];
  return {
    ...template,
    id,
    originRegionCode: other.originRegionCode,
    pricePerUnit: Math.round(template.pricePerUnit * (0.9 + 0.2 * random())),
    remainingQuantity: 10 * (50 + Math.floor(random() * 1950)),
  };
}
