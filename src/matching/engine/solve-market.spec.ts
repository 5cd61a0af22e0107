import type {
  CommodityShelfLife,
  EngineListing,
  EngineRequest,
  SolveMarketInput,
} from './engine.types';
import { evaluatePair } from './feasibility';
import { MarketSolver } from './market-solver';
import { deliverableCapacity, RouteTable, shippedForDelivered } from './route-table';
import { solveMarket, solveMarkets } from './solve-market';
import { lpOptimum, type LpArc } from './testing/lp-reference';
import {
  aListing,
  aRequest,
  BATAM,
  CHILI,
  MALANG,
  NOW,
  referenceNetwork,
  SURABAYA,
} from './testing/market.factory';
import { randomMarket, seededRandom, shuffled } from './testing/random-market';

const COMMODITY = 'cabai_merah_keriting';
const SBY = { destinationRegionCode: SURABAYA };

function market(
  listings: EngineListing[],
  requests: EngineRequest[],
  overrides: Partial<SolveMarketInput> = {},
): SolveMarketInput {
  return {
    commodityCode: COMMODITY,
    shelfLife: CHILI,
    listings,
    requests,
    network: referenceNetwork(),
    now: NOW,
    ...overrides,
  };
}

const maxShrink = RouteTable.of(referenceNetwork()).maxShrinkPpm;

/**
 * The LP over the feasible pairs with positive gain, built independently with evaluatePair, in
 * delivered units: each listing supplies its remaining quantity shrunk by the largest shrink.
 */
async function lpOf(input: SolveMarketInput): Promise<number> {
  const listings = input.listings.filter((l) => l.remainingQuantity > 0);
  const requests = input.requests.filter((r) => r.remainingQuantity > 0);
  const arcs: LpArc[] = [];
  listings.forEach((listing, from) =>
    requests.forEach((request, to) => {
      const evaluation = evaluatePair(listing, request, input.shelfLife, input);
      if (evaluation.feasible && evaluation.arc.gainPerUnit > 0) {
        arcs.push({ from, to, gain: evaluation.arc.gainPerUnit });
      }
    }),
  );
  return lpOptimum(
    listings.map((l) => deliverableCapacity(l.remainingQuantity, maxShrink)),
    requests.map((r) => r.remainingQuantity),
    arcs,
  );
}

describe('solveMarket', () => {
  it('never allocates a capped request above its reference ceiling, and still serves it below (#12)', () => {
    const listings = [
      aListing({ id: 'dear', remainingQuantity: 500, pricePerUnit: 40_000 }),
      aListing({ id: 'cheap', remainingQuantity: 200, pricePerUnit: 25_000 }),
    ];
    const probe = (id: string) =>
      evaluatePair(
        listings.find((l) => l.id === id)!,
        aRequest({ maxPricePerUnit: 200_000 }),
        CHILI,
        { network: referenceNetwork(), now: NOW },
      );
    const dear = probe('dear');
    const cheap = probe('cheap');
    if (!dear.feasible || !cheap.feasible) throw new Error('both must reach Batam');
    const ceiling = cheap.arc.landedCostPerUnit;
    expect(dear.arc.landedCostPerUnit).toBeGreaterThan(ceiling);
    const request = aRequest({
      id: 'capped',
      remainingQuantity: 600,
      maxPricePerUnit: 200_000,
      referenceCeilingPerUnit: ceiling,
    });
    const capped = solveMarket(market(listings, [request]));
    expect(capped.allocations.map((a) => a.listingId)).toEqual(['cheap']);
    expect(capped.allocations.every((a) => a.arc.landedCostPerUnit <= ceiling)).toBe(true);
    // Without the cap the dearer lot is used too: the ceiling, not the market, ruled it out.
    const uncapped = solveMarket(market(listings, [{ ...request, referenceCeilingPerUnit: null }]));
    expect(uncapped.allocations.map((a) => a.listingId).sort()).toEqual(['cheap', 'dear']);
  });

  it('sends Malang chili to Batam and Surabaya with every explanation field', () => {
    const result = solveMarket(
      market(
        [aListing({ id: 'malang', remainingQuantity: 800 })],
        [
          aRequest({ id: 'batam', remainingQuantity: 500 }),
          aRequest({
            id: 'surabaya',
            destinationRegionCode: SURABAYA,
            remainingQuantity: 500,
            maxPricePerUnit: 33_000,
          }),
        ],
      ),
    );
    // Batam gains ~5,000/kg by air via Juanda (the only way fresh chili gets there in time),
    // Surabaya ~2,000/kg by road: Batam is filled first. Quantities are delivered units; the
    // listing's 800 shipped count as 720 deliverable (the largest shrink, 10 %), so no mix of
    // arcs can ship more than 800. Air loses 4 %: 500 delivered need 521 shipped.
    expect(
      result.allocations.map((a) => [a.requestId, a.quantity, a.quantityShipped, a.arc.shrinkPpm]),
    ).toEqual([
      ['batam', 500, 521, 40_000],
      ['surabaya', 220, 225, 20_000],
    ]);
    const toBatam = result.allocations[0].arc;
    expect(toBatam).toMatchObject({
      listingId: 'malang',
      requestId: 'batam',
      transportLabel: 'air',
      originHubCode: 'airport-juanda',
    });
    expect(result.objective).toBe(
      result.allocations.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0),
    );
    expect(result.stats).toMatchObject({ listings: 1, requests: 2, arcs: 2 });
  });

  it('never uses a pair without gain and never ships more than remains', () => {
    const result = solveMarket(
      market(
        [
          aListing({ id: 'a', remainingQuantity: 300 }),
          aListing({ id: 'b', remainingQuantity: 0 }),
        ],
        [
          aRequest({ id: 'big', remainingQuantity: 10_000 }),
          aRequest({ id: 'cheap', maxPricePerUnit: 20_000 }),
        ],
      ),
    );
    expect(result.allocations).toHaveLength(1);
    // 300 shipped count as 270 deliverable (10 % largest shrink); by air 270 need 282 shipped.
    expect(result.allocations[0]).toMatchObject({
      listingId: 'a',
      requestId: 'big',
      quantity: 270,
      quantityShipped: 282,
    });
    expect(result.allocations[0].quantityShipped).toBeLessThanOrEqual(300);
  });

  it('prefers the pair covered by an agreement when the bonus tips the balance', () => {
    const listings = [aListing({ id: 'malang', remainingQuantity: 500 })];
    const surabaya = aRequest({
      id: 'surabaya',
      destinationRegionCode: SURABAYA,
      remainingQuantity: 500,
      maxPricePerUnit: 36_000,
    });
    const landed = (request: EngineRequest) => {
      const evaluation = evaluatePair(listings[0], request, CHILI, market([], []));
      if (!evaluation.feasible) throw new Error(evaluation.reason.message);
      return evaluation.arc.landedCostPerUnit;
    };
    // Batam's maximum leaves it Rp 1,000/kg less gain than Surabaya: a Rp 2,000 bonus tips it.
    const surabayaGain = 36_000 - landed(surabaya);
    const batamLanded = landed(aRequest({ id: 'batam', maxPricePerUnit: 200_000 }));
    const requests = [
      aRequest({
        id: 'batam',
        remainingQuantity: 500,
        maxPricePerUnit: batamLanded + surabayaGain - 1_000,
      }),
      surabaya,
    ];
    const without = solveMarket(market(listings, requests));
    expect(without.allocations[0].requestId).toBe('surabaya');
    const agreementBonus = (origin: string, destination: string) =>
      origin === MALANG && destination === BATAM
        ? { agreementId: 'kad', bonusPerUnit: 2_000 }
        : null;
    const withBonus = solveMarket(market(listings, requests, { agreementBonus }));
    expect(withBonus.allocations[0]).toMatchObject({ requestId: 'batam', quantity: 450 });
    expect(withBonus.allocations[0].arc.agreementId).toBe('kad');
  });

  describe('minimum order quantities', () => {
    it('does not propose a split below the minimum; the remainder goes unsold', () => {
      const result = solveMarket(
        market(
          [aListing({ id: 'l', remainingQuantity: 1_000, minOrderQuantity: 400 })],
          [
            // Surabaya by road: the minimum-order rule, not the transport, is under test.
            aRequest({ id: 'r1', remainingQuantity: 700, maxPricePerUnit: 45_000, ...SBY }),
            aRequest({ id: 'r2', remainingQuantity: 700, maxPricePerUnit: 40_000, ...SBY }),
          ],
        ),
      );
      // The LP would ship 700 + 300; 300 is below the minimum of 400.
      expect(result.allocations.map((a) => [a.requestId, a.quantity])).toEqual([['r1', 700]]);
      expect(result.stats.minOrderForbidden).toBeGreaterThan(0);
    });

    it('re-solves after forbidding a split, so another listing fills the gap', () => {
      const result = solveMarket(
        market(
          [
            aListing({ id: 'big', remainingQuantity: 1_000, minOrderQuantity: 400 }),
            aListing({ id: 'small', remainingQuantity: 500, pricePerUnit: 31_000 }),
          ],
          [
            aRequest({ id: 'r1', remainingQuantity: 700, maxPricePerUnit: 45_000, ...SBY }),
            aRequest({ id: 'r2', remainingQuantity: 500, maxPricePerUnit: 40_000, ...SBY }),
          ],
        ),
      );
      // In delivered units big has 900 and small 450. The LP ships big -> r1 700, big -> r2 200
      // (below 400), small -> r2 300. Forbidding the split and re-solving lets the small listing
      // take over r2 as far as it can.
      expect(result.allocations.map((a) => [a.listingId, a.requestId, a.quantity])).toEqual([
        ['big', 'r1', 700],
        ['small', 'r2', 450],
      ]);
    });

    it('waives the minimum for a listing with less than its minimum left', () => {
      const result = solveMarket(
        market(
          [aListing({ remainingQuantity: 300, minOrderQuantity: 400 })],
          [aRequest({ remainingQuantity: 200 })],
        ),
      );
      expect(result.allocations.map((a) => a.quantity)).toEqual([200]);
    });
  });

  it('never proposes a trade below a listing minimum on random markets with minimums', () => {
    const random = seededRandom(77);
    let checked = 0;
    for (let round = 0; round < 150; round++) {
      const { listings, requests } = randomMarket(random, COMMODITY, { withMinimums: true });
      const result = solveMarket(market(listings, requests));
      for (const a of result.allocations) {
        const listing = listings.find((l) => l.id === a.listingId)!;
        if (listing.remainingQuantity >= listing.minOrderQuantity) {
          // In delivered units (which implies shipped >= minimum), or the whole deliverable
          // capacity when that is below the minimum.
          const capacity = deliverableCapacity(listing.remainingQuantity, maxShrink);
          expect(a.quantity).toBeGreaterThanOrEqual(Math.min(listing.minOrderQuantity, capacity));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  describe('determinism', () => {
    it('returns the same allocation for the same market, in any input order', () => {
      const random = seededRandom(99);
      for (let round = 0; round < 30; round++) {
        const { listings, requests } = randomMarket(random, COMMODITY, { withMinimums: true });
        const first = solveMarket(market(listings, requests));
        expect(solveMarket(market(listings, requests))).toEqual(first);
        expect(solveMarket(market(shuffled(listings, random), shuffled(requests, random)))).toEqual(
          first,
        );
      }
    });
  });

  it('solves several commodities independently, ignoring rows of other commodities', () => {
    const onion: CommodityShelfLife = { shelfLifeDaysAmbient: 60, shelfLifeDaysCold: 120 };
    const results = solveMarkets(
      [
        {
          commodityCode: COMMODITY,
          shelfLife: CHILI,
          listings: [aListing()],
          requests: [aRequest()],
        },
        {
          commodityCode: 'bawang_merah',
          shelfLife: onion,
          listings: [aListing({ commodityCode: 'bawang_merah' }), aListing({ id: 'stray' })],
          requests: [aRequest({ commodityCode: 'bawang_merah' })],
        },
      ],
      { network: referenceNetwork(), now: NOW },
    );
    expect(results.map((r) => [r.commodityCode, r.allocations.length])).toEqual([
      [COMMODITY, 1],
      ['bawang_merah', 1],
    ]);
    // Onions keep ambient: the cheaper ambient sea option wins.
    expect(results[1].allocations[0].arc.transportLabel).toBe('sea');
  });

  it('rejects duplicate ids rather than silently picking one', () => {
    expect(() => solveMarket(market([aListing(), aListing()], [aRequest()]))).toThrow(
      /duplicate listing/,
    );
  });

  it('equals the LP optimum of its feasible pairs on random markets (HiGHS)', async () => {
    const random = seededRandom(20260105);
    for (let round = 0; round < 150; round++) {
      const { listings, requests } = randomMarket(random, COMMODITY);
      const input = market(listings, requests);
      const solver = MarketSolver.build(input);
      const result = solver.result();
      const optimum = await lpOf(input);
      // The transportation problem is solved exactly...
      expect(Math.abs(solver.objective() - optimum)).toBeLessThanOrEqual(
        1e-6 * Math.max(1, optimum),
      );
      // ...and the rounding trim (shipped = ceil(delivered / (1 - shrink)) per allocation) gives
      // up at most one delivered unit per extra allocation of a listing.
      const maxGain = Math.max(0, ...result.allocations.map((a) => a.arc.gainPerUnit));
      expect(result.objective).toBeLessThanOrEqual(solver.objective());
      expect(result.objective).toBeGreaterThanOrEqual(
        solver.objective() - result.allocations.length * maxGain,
      );

      const sold = new Map<string, number>();
      const bought = new Map<string, number>();
      for (const a of result.allocations) {
        expect(a.quantity).toBeGreaterThan(0);
        expect(Number.isInteger(a.quantity)).toBe(true);
        expect(a.quantityShipped).toBe(shippedForDelivered(a.quantity, a.arc.shrinkPpm));
        sold.set(a.listingId, (sold.get(a.listingId) ?? 0) + a.quantityShipped);
        bought.set(a.requestId, (bought.get(a.requestId) ?? 0) + a.quantity);
        const listing = listings.find((l) => l.id === a.listingId)!;
        const request = requests.find((r) => r.id === a.requestId)!;
        const evaluation = evaluatePair(listing, request, CHILI, input);
        expect(evaluation.feasible).toBe(true);
        if (evaluation.feasible) {
          expect(evaluation.arc).toEqual(a.arc);
          expect(a.arc.gainPerUnit).toBeGreaterThan(0);
        }
      }
      for (const l of listings)
        expect(sold.get(l.id) ?? 0).toBeLessThanOrEqual(l.remainingQuantity);
      for (const r of requests)
        expect(bought.get(r.id) ?? 0).toBeLessThanOrEqual(r.remainingQuantity);
    }
  });
});
