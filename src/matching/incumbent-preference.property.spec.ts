import fc from 'fast-check';
import {
  solveMarket,
  solveRationed,
  type Allocation,
  type EngineListing,
  type EngineRequest,
} from './engine';
import {
  aListing,
  aRequest,
  BATAM,
  CHILI,
  MALANG,
  NOW,
  referenceNetwork,
  SURABAYA,
} from './engine/testing/market.factory';
import { deliverableCapacity, RouteTable } from './engine/route-table';
import {
  incumbentsOf,
  mergePieces,
  preferIncumbents,
  solveUntilSettled,
  type Incumbent,
} from './incumbent-preference';

/**
 * Property: after any single change of a market whose current allocation is proposed, the run's
 * allocation (a) reaches the objective of a fresh solve of the changed market (the transportation
 * problem's, before the shipped-unit rounding trim that tied optima may pay differently), and (b)
 * supersedes nothing whenever some optimum keeps every proposal whose listing and request are
 * still there (checked by fixing them at their quantities and solving the rest).
 *
 * Markets are deliberately coarse (two origins, two destinations, two asking prices, one maximum
 * price, quantities in hundreds) so that optima tie often: that is where churn comes from.
 */
const COMMODITY = 'cabai_merah_keriting';
const network = referenceNetwork();

const listingArb = fc.record({
  origin: fc.constantFrom(MALANG, SURABAYA),
  price: fc.constantFrom(30_000, 31_000),
  hundreds: fc.integer({ min: 1, max: 8 }),
});
const requestArb = fc.record({
  destination: fc.constantFrom(BATAM, SURABAYA),
  hundreds: fc.integer({ min: 1, max: 8 }),
});
type ListingSpec = { origin: string; price: number; hundreds: number };
type RequestSpec = { destination: string; hundreds: number };

const toListing = (s: ListingSpec, i: number): EngineListing =>
  aListing({
    id: `L${i}`,
    originRegionCode: s.origin,
    pricePerUnit: s.price,
    remainingQuantity: s.hundreds * 100,
  });
const toRequest = (s: RequestSpec, j: number): EngineRequest =>
  aRequest({
    id: `R${j}`,
    destinationRegionCode: s.destination,
    remainingQuantity: s.hundreds * 100,
    maxPricePerUnit: 60_000,
  });

const changeArb = fc.oneof(
  fc.record({ kind: fc.constant('add-request' as const), request: requestArb }),
  fc.record({ kind: fc.constant('add-listing' as const), listing: listingArb }),
  fc.record({ kind: fc.constant('remove-request' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('remove-listing' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('less-listing' as const),
    at: fc.nat(),
    hundreds: fc.integer({ min: 1, max: 4 }),
  }),
);

function solve(listings: EngineListing[], requests: EngineRequest[]) {
  return solveMarket({
    commodityCode: COMMODITY,
    shelfLife: CHILI,
    listings,
    requests,
    network,
    now: NOW,
  });
}

function solvePreferring(
  listings: EngineListing[],
  requests: EngineRequest[],
  incumbents: Incumbent[],
): { allocations: Allocation[]; lpObjective: number } {
  const preferred = preferIncumbents(requests, incumbents);
  const result = solveMarket({
    commodityCode: COMMODITY,
    shelfLife: CHILI,
    listings,
    requests: preferred.requests,
    network,
    now: NOW,
    ...(preferred.preference ? { preference: preferred.preference } : {}),
  });
  const allocations = preferred.preference ? mergePieces(result.allocations) : result.allocations;
  return { allocations, lpObjective: result.stats.objectiveBeforeRounding };
}

const key = (a: { listingId: string; requestId: string }) => `${a.listingId}|${a.requestId}`;

/** The best objective of allocations that keep exactly these pairs at exactly these quantities. */
function bestKeeping(
  listings: EngineListing[],
  requests: EngineRequest[],
  fixed: Allocation[],
): number | null {
  const present = new Set([...listings, ...requests].map((x) => x.id));
  if (fixed.some((a) => !present.has(a.listingId) || !present.has(a.requestId))) return null;
  const shipped = new Map<string, number>();
  const delivered = new Map<string, number>();
  for (const a of fixed) {
    shipped.set(a.listingId, (shipped.get(a.listingId) ?? 0) + a.quantityShipped);
    delivered.set(a.requestId, (delivered.get(a.requestId) ?? 0) + a.quantity);
  }
  // The engine counts a listing's supply in delivered units (deliverableCapacity): what is left
  // for the rest must be the capacity minus the fixed delivered units, not the shipped rest's
  // own capacity (which would round differently and could exceed it).
  const maxShrinkPpm = RouteTable.of(network).maxShrinkPpm;
  const usedByListing = new Map<string, number>();
  for (const a of fixed)
    usedByListing.set(a.listingId, (usedByListing.get(a.listingId) ?? 0) + a.quantity);
  const restListings = listings.map((l) => {
    const target =
      deliverableCapacity(l.remainingQuantity, maxShrinkPpm) - (usedByListing.get(l.id) ?? 0);
    let remaining = l.remainingQuantity - (shipped.get(l.id) ?? 0);
    while (remaining > 0 && deliverableCapacity(remaining, maxShrinkPpm) > target) remaining--;
    return { ...l, remainingQuantity: target < 0 ? -1 : remaining };
  });
  const restRequests = requests.map((r) => ({
    ...r,
    remainingQuantity: r.remainingQuantity - (delivered.get(r.id) ?? 0),
  }));
  if ([...restListings, ...restRequests].some((x) => x.remainingQuantity < 0)) return null;
  // The fixed pairs take nothing more: their quantity would change.
  const rest = solveMarket({
    commodityCode: COMMODITY,
    shelfLife: CHILI,
    listings: restListings,
    requests: restRequests,
    network,
    now: NOW,
    exclusions: {
      pairs: fixed.map((a) => ({ listingId: a.listingId, requestId: a.requestId })),
      organizationPairs: [],
    },
  });
  return fixed.reduce(
    (sum, a) => sum + a.quantity * a.arc.gainPerUnit,
    rest.stats.objectiveBeforeRounding,
  );
}

describe('incumbent preference (property)', () => {
  it("reaches a fresh solve's optimum and supersedes nothing when an optimum keeps every proposal, after any single change", () => {
    fc.assert(
      fc.property(
        fc.array(listingArb, { minLength: 1, maxLength: 6 }),
        fc.array(requestArb, { minLength: 1, maxLength: 6 }),
        changeArb,
        (listingSpecs, requestSpecs, change) => {
          let listings = listingSpecs.map(toListing);
          let requests = requestSpecs.map(toRequest);
          const proposals = solve(listings, requests).allocations;

          if (change.kind === 'add-request') requests.push(toRequest(change.request, 99));
          if (change.kind === 'add-listing') listings.push(toListing(change.listing, 99));
          if (change.kind === 'remove-request')
            requests = requests.filter((_, j) => j !== change.at % requests.length);
          if (change.kind === 'remove-listing')
            listings = listings.filter((_, i) => i !== change.at % listings.length);
          if (change.kind === 'less-listing') {
            const at = change.at % listings.length;
            listings = listings.map((l, i) =>
              i === at
                ? {
                    ...l,
                    remainingQuantity: Math.max(1, l.remainingQuantity - change.hundreds * 100),
                  }
                : l,
            );
          }

          const fresh = solve(listings, requests);
          const run = solvePreferring(listings, requests, incumbentsOf(proposals));
          expect(run.lpObjective).toBe(fresh.stats.objectiveBeforeRounding);

          const wanted = new Map(run.allocations.map((a) => [key(a), a]));
          const keeps = (p: Allocation) =>
            wanted.get(key(p))?.quantity === p.quantity &&
            wanted.get(key(p))?.quantityShipped === p.quantityShipped;
          // Proposals whose listing and request are both still there could be kept at all.
          const present = new Set([...listings, ...requests].map((x) => x.id));
          const keepable = proposals.filter(
            (p) => present.has(p.listingId) && present.has(p.requestId),
          );
          const best = bestKeeping(listings, requests, keepable);
          if (best === fresh.stats.objectiveBeforeRounding) {
            // Some optimum keeps every proposal: the run supersedes none.
            expect(keepable.filter((p) => !keeps(p)).map(key)).toEqual([]);
          }
        },
      ),
      { numRuns: 150, seed: 15 },
    );
  });
});

/**
 * Property: a run on an unchanged market, preferring the proposals the last run made, hands them
 * back, so a verifying run after a burst changes nothing. Quantities are arbitrary (the shipped
 * units round) and some listings have a minimum order: the two steps after the LP (the
 * minimum-order restriction and the rounding trim) used to return a different allocation, no
 * better, from the pieces the tie-breaking splits requests into. The minimum-order heuristic may
 * still find a strictly better allocation from a different start: then, and only then, may the
 * run change something, and a third run changes nothing more.
 */
const worth = (xs: Allocation[]) => xs.reduce((t, a) => t + a.quantity * a.arc.gainPerUnit, 0);
const view = (xs: Allocation[]) =>
  xs.map((a) => `${key(a)}|${a.quantity}|${a.quantityShipped}|${a.arc.transportLabel}`).sort();

/**
 * Random markets with arbitrary quantities (the shipped units round) and some minimum orders:
 * listings and requests as specs, and the market built from them.
 */
function arbitraryMarket(limits: {
  listingMax: number;
  minimum: number;
  listings: { minLength: number; maxLength: number };
  requests: { minLength: number; maxLength: number };
}) {
  return fc.record({
    listingSpecs: fc.array(
      fc.record({
        origin: fc.constantFrom(MALANG, SURABAYA),
        price: fc.constantFrom(30_000, 31_000),
        quantity: fc.integer({ min: 1, max: limits.listingMax }),
        minimum: fc.constantFrom(0, 0, limits.minimum),
      }),
      limits.listings,
    ),
    requestSpecs: fc.array(
      fc.record({
        destination: fc.constantFrom(BATAM, SURABAYA),
        quantity: fc.integer({ min: 1, max: 900 }),
      }),
      limits.requests,
    ),
  });
}

type MarketSpecs = {
  listingSpecs: { origin: string; price: number; quantity: number; minimum: number }[];
  requestSpecs: { destination: string; quantity: number }[];
};

function marketOf({ listingSpecs, requestSpecs }: MarketSpecs) {
  return {
    listings: listingSpecs.map((s, i) =>
      aListing({
        id: `L${i}`,
        originRegionCode: s.origin,
        pricePerUnit: s.price,
        remainingQuantity: s.quantity,
        minOrderQuantity: s.minimum,
      }),
    ),
    requests: requestSpecs.map((s, j) =>
      aRequest({
        id: `R${j}`,
        destinationRegionCode: s.destination,
        remainingQuantity: s.quantity,
        maxPricePerUnit: 60_000,
      }),
    ),
  };
}

describe('incumbent preference on an unchanged market (property)', () => {
  it('hands the last run back unless it finds a strictly better allocation', () => {
    let improved = 0;
    fc.assert(
      fc.property(
        arbitraryMarket({
          listingMax: 900,
          minimum: 300,
          listings: { minLength: 1, maxLength: 6 },
          requests: { minLength: 1, maxLength: 6 },
        }),
        (specs) => {
          const { listingSpecs } = specs;
          const { listings, requests } = marketOf(specs);
          // The last run: after the first listing and request came in.
          const before = solve(listings.slice(1), requests.slice(1)).allocations;
          const last = solvePreferring(listings, requests, incumbentsOf(before)).allocations;

          const verifying = solvePreferring(listings, requests, incumbentsOf(last)).allocations;
          if (view(verifying).join() !== view(last).join()) {
            expect(listingSpecs.some((s) => s.minimum > 0)).toBe(true);
            expect(worth(verifying)).toBeGreaterThan(worth(last));
            improved++;
          }
          const again = solvePreferring(listings, requests, incumbentsOf(verifying)).allocations;
          expect(view(again)).toEqual(view(verifying));
        },
      ),
      { numRuns: 1500, seed: 20261130 },
    );
    // Rare: the minimum-order heuristic's different start found more (11 in 3,000 when measured).
    expect(improved).toBeLessThan(15);
  });

  it('serves a piece of a request from a listing whose minimum only the whole request meets', () => {
    // 300 kg with a minimum of 300 (270 kg delivered after shrink) to a 300 kg request: kept.
    const listings = [
      aListing({
        id: 'L0',
        originRegionCode: MALANG,
        pricePerUnit: 30_000,
        remainingQuantity: 300,
        minOrderQuantity: 300,
      }),
    ];
    const requests = [
      aRequest({
        id: 'R0',
        destinationRegionCode: BATAM,
        remainingQuantity: 300,
        maxPricePerUnit: 60_000,
      }),
    ];
    const last = solvePreferring(listings, requests, []).allocations;
    expect(last.map((a) => a.quantity)).toEqual([270]);
    const verifying = solvePreferring(listings, requests, incumbentsOf(last)).allocations;
    expect(view(verifying)).toEqual(view(last));
  });
});

/**
 * The same property on a market short of supply under fair rationing (a staple's default): the
 * shares are split off as guaranteed pieces and the gain decides only among allocations that give
 * every share. A verifying run on an unchanged market must hand the last run back unless it finds
 * a strictly better allocation that still gives every share (two-workers saw 10 of 55 proposals
 * superseded by such a run).
 */
describe('incumbent preference on an unchanged fair market (property)', () => {
  // Small listings for up to 7 requests: mostly short of supply, where the shares decide.
  const shortMarket = arbitraryMarket({
    listingMax: 600,
    minimum: 200,
    listings: { minLength: 1, maxLength: 5 },
    requests: { minLength: 2, maxLength: 7 },
  });

  function solveFair(
    listings: EngineListing[],
    requests: EngineRequest[],
    incumbents: readonly Incumbent[],
  ): { allocations: Allocation[]; shortfall: number; tieBreakingDropped: boolean } {
    const preferred = preferIncumbents(requests, incumbents);
    const result = solveRationed(
      {
        commodityCode: COMMODITY,
        shelfLife: CHILI,
        listings,
        requests: preferred.requests,
        rationing: 'fair',
        ...(preferred.preference ? { preference: preferred.preference } : {}),
      },
      { network, now: NOW },
      [],
    );
    return {
      allocations: preferred.preference ? mergePieces(result.allocations) : result.allocations,
      shortfall: result.rationing?.shareShortfall ?? 0,
      tieBreakingDropped: result.rationing?.tieBreakingDropped ?? false,
    };
  }

  it('hands the last run back unless it finds a strictly better allocation', () => {
    let improved = 0;
    fc.assert(
      fc.property(shortMarket, (specs) => {
        const { listingSpecs } = specs;
        const { listings, requests } = marketOf(specs);
        const before = solveFair(listings.slice(1), requests.slice(1), []).allocations;
        const last = solveFair(listings, requests, incumbentsOf(before));
        const verifying = solveFair(listings, requests, incumbentsOf(last.allocations));
        if (view(verifying.allocations).join() !== view(last.allocations).join()) {
          // Fairer (fewer units short of the shares), or as fair with more gain.
          if (verifying.shortfall === last.shortfall)
            expect(worth(verifying.allocations)).toBeGreaterThan(worth(last.allocations));
          else expect(verifying.shortfall).toBeLessThan(last.shortfall);
          expect(listingSpecs.some((s) => s.minimum > 0)).toBe(true);
          improved++;
        }
        const again = solveFair(listings, requests, incumbentsOf(verifying.allocations));
        expect(view(again.allocations)).toEqual(view(verifying.allocations));
      }),
      { numRuns: 1000, seed: 20261130 },
    );
    // Rare, and only with minimum orders (the shares ignore them): 13 of 1,000 when measured.
    expect(improved).toBeLessThan(30);
  });

  it('keeps everything a run settled on its own answer wrote (solveUntilSettled)', async () => {
    // What a worker's run does: from the proposals of the market before the change, solve again
    // preferring the answer until it prefers itself. The next run on the unchanged market (a
    // recovery sweep, another worker) must then keep every proposal: two-workers saw the run
    // after a burst leave an allocation the verifying run improved.
    await fc.assert(
      fc.asyncProperty(shortMarket, async (specs) => {
        const { listings, requests } = marketOf(specs);
        const before = solveFair(listings.slice(1), requests.slice(1), []).allocations;
        const last = await solveUntilSettled(
          (incumbents) => solveFair(listings, requests, incumbents),
          incumbentsOf(before),
          { maxRounds: 4 },
        );
        const verifying = solveFair(listings, requests, incumbentsOf(last.allocations));
        expect(view(verifying.allocations)).toEqual(view(last.allocations));
      }),
      { numRuns: 1000, seed: 20261130 },
    );
  });

  it('gives the same answer whatever order the proposals are listed in', () => {
    // A run's last solve prefers its own answer, listed by listing and request; the next run
    // reads the stored proposals in the order PostgreSQL returns them. When the order decided the
    // answer, a verifying run on an unchanged market superseded proposals (two-workers: 11 of 66).
    fc.assert(
      fc.property(shortMarket, fc.integer(), (specs, seed) => {
        const { listings, requests } = marketOf(specs);
        const before = solveFair(listings.slice(1), requests.slice(1), []).allocations;
        const incumbents = incumbentsOf(before);
        const shuffled = fc.sample(
          fc.shuffledSubarray(incumbents, { minLength: incumbents.length }),
          {
            numRuns: 1,
            seed,
          },
        )[0];
        expect(view(solveFair(listings, requests, shuffled).allocations)).toEqual(
          view(solveFair(listings, requests, incumbents).allocations),
        );
      }),
      { numRuns: 1000, seed: 20261201 },
    );
  });

  it('keeps the tie-breaking in the shares’ solve of a market too large for the safe big-M', () => {
    // 200 listings and 200 requests of about 650 tonnes: the tie-breaking's scale (the requests'
    // total) times the gains leaves the big-M that holds for every market, (nodes + 2) x (largest
    // gain + 1), past exact doubles. The shares' solve runs with a capped M and proves the shares
    // still came first (SimplexEngine.guaranteedFirst), instead of dropping the tie-breaking.
    const listings = Array.from({ length: 200 }, (_, i) =>
      aListing({
        id: `L${String(i).padStart(3, '0')}`,
        originRegionCode: i % 2 === 0 ? MALANG : SURABAYA,
        pricePerUnit: 30_000 + 10 * (i % 17),
        remainingQuantity: 500_000 + 1_000 * (i % 13),
        minOrderQuantity: i % 5 === 0 ? 20_000 : 0,
      }),
    );
    const requests = Array.from({ length: 200 }, (_, j) =>
      aRequest({
        id: `R${String(j).padStart(3, '0')}`,
        destinationRegionCode: j % 2 === 0 ? BATAM : SURABAYA,
        remainingQuantity: 645_000 + 1_000 * (j % 11),
        maxPricePerUnit: 60_000 + 100 * (j % 7),
      }),
    );
    const last = solveFair(listings, requests, []);
    expect(last.allocations.length).toBeGreaterThan(100);
    const verifying = solveFair(listings, requests, incumbentsOf(last.allocations));
    expect(verifying.tieBreakingDropped).toBe(false);
    expect(view(verifying.allocations)).toEqual(view(last.allocations));
  });
});
