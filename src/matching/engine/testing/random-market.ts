import type { EngineListing, EngineRequest } from '../engine.types';
import { DAY, NOW } from './market.factory';

/** Small random markets over real regions, for property tests. Seeded: failures reproduce. */

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

const ORIGINS = ['35.07', '35.78', '33.22', '12.07', '73.71', '11.05', '52.01'];
const DESTINATIONS = ['21.71', '31.71', '35.78', '64.72', '12.71', '91.71', '35.07'];

export interface RandomMarket {
  listings: EngineListing[];
  requests: EngineRequest[];
}

export function randomMarket(
  random: () => number,
  commodityCode: string,
  options: { maxSide?: number; withMinimums?: boolean } = {},
): RandomMarket {
  const maxSide = options.maxSide ?? 8;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const listings = Array.from({ length: int(1, maxSide) }, (_, i): EngineListing => {
    const availableFrom = NOW + int(-2, 3) * DAY;
    const minimum = options.withMinimums && random() < 0.4 ? int(50, 400) : 0;
    return {
      id: `L${i}`,
      commodityCode,
      gradeRank: int(0, 2),
      remainingQuantity: int(1, 1_000),
      minOrderQuantity: minimum,
      pricePerUnit: int(20_000, 40_000),
      originRegionCode: pick(ORIGINS),
      availableFrom,
      availableUntil: availableFrom + int(1, 10) * DAY,
      harvestedAt: availableFrom - int(0, 1) * DAY,
    };
  });
  const requests = Array.from({ length: int(1, maxSide) }, (_, j): EngineRequest => {
    const deliverFrom = random() < 0.5 ? null : NOW + int(0, 6) * DAY;
    return {
      id: `R${j}`,
      commodityCode,
      minGradeRank: int(0, 2),
      remainingQuantity: int(1, 1_000),
      maxPricePerUnit: int(30_000, 80_000),
      destinationRegionCode: pick(DESTINATIONS),
      deliverFrom,
      deliverBy: (deliverFrom ?? NOW) + int(1, 14) * DAY,
      minShelfLifeDaysOnArrival: int(0, 3),
    };
  });
  return { listings, requests };
}

/** Fisher-Yates with the given random source. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
