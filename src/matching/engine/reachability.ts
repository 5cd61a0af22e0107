import type { TransportNetwork } from '../../logistics/transport-network';
import type { CommodityShelfLife } from './engine.types';
import { chilledDaysOf, shelfLeftDays, shelfModel } from './pair-rules';
import { DAY_MS } from './route-table';

/**
 * The best any transport option could ever do for one end of a trade, whatever the other end:
 * the fastest transit and the most shelf life left on arrival for goods harvested at departure.
 * A request or listing asking for better than this can never be matched, so it is refused at the
 * door (422) instead of waiting silently for a proposal that cannot come.
 */
export interface Reach {
  /** Fastest door-to-door transit, whole milliseconds as the engine counts it. */
  fastestTransitMs: number;
  /** Most ambient days of shelf life left on arrival (-Infinity when no option keeps any). */
  bestShelfLifeDays: number;
  /** The same in chilled days, for a buyer with cold storage. */
  bestChilledShelfLifeDays: number;
}

/** Over every origin that can reach `destinationCode` (itself included); null when none can. */
export function reachInto(
  network: TransportNetwork,
  destinationCode: string,
  shelfLife: CommodityShelfLife,
): Reach | null {
  const destination = network.regionIndex(destinationCode);
  if (destination < 0) return null;
  return bestOf(
    shelfLife,
    (visit) => {
      for (let origin = 0; origin < network.regionCount; origin++) {
        visit(network.optionsByIndex(origin, destination));
      }
    },
    0,
  );
}

/**
 * Over every destination `originCode` can reach, for goods harvested at `harvestedAt` that leave
 * at `departure`; null when no destination can be reached.
 */
export function reachFrom(
  network: TransportNetwork,
  originCode: string,
  shelfLife: CommodityShelfLife,
  harvestedAt: number,
  departure: number,
): Reach | null {
  const origin = network.regionIndex(originCode);
  if (origin < 0) return null;
  return bestOf(
    shelfLife,
    (visit) => {
      for (let destination = 0; destination < network.regionCount; destination++) {
        visit(network.optionsByIndex(origin, destination));
      }
    },
    departure - harvestedAt,
  );
}

function bestOf(
  shelfLife: CommodityShelfLife,
  each: (visit: (options: ReturnType<TransportNetwork['optionsByIndex']>) => void) => void,
  ageAtDepartureMs: number,
): Reach | null {
  const shelf = shelfModel(shelfLife);
  let fastestTransitMs = Infinity;
  let bestShelfLifeDays = -Infinity;
  each((options) => {
    for (const option of options) {
      const transit = Math.round(option.transitDays * DAY_MS);
      if (transit < fastestTransitMs) fastestTransitMs = transit;
      const ambient = Math.min(Math.round(option.ambientTransitDays * DAY_MS), transit);
      const left = shelfLeftDays(ageAtDepartureMs, transit, ambient, 0, shelf);
      if (left > bestShelfLifeDays) bestShelfLifeDays = left;
    }
  });
  return fastestTransitMs === Infinity
    ? null
    : {
        fastestTransitMs,
        bestShelfLifeDays,
        bestChilledShelfLifeDays: chilledDaysOf(bestShelfLifeDays, shelf),
      };
}
