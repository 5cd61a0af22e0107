import type {
  CommodityMarket,
  EngineListing,
  EngineRequest,
  SolveMarketResult,
} from './engine.types';
import { evaluatePair } from './feasibility';
import { fairShares } from './fair-shares';
import { solveRationed } from './rationing';
import { deliverableCapacity, RouteTable } from './route-table';
import { lpOptimumWithLowerBounds, maxMinFillRatio, type LpArc } from './testing/lp-reference';
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
import { randomMarket, seededRandom } from './testing/random-market';

const COMMODITY = 'cabai_merah_keriting';
const context = () => ({ network: referenceNetwork(), now: NOW });
const maxShrink = () => RouteTable.of(referenceNetwork()).maxShrinkPpm;

function marketOf(
  listings: EngineListing[],
  requests: EngineRequest[],
  rationing: 'fair' | 'max-gain',
): CommodityMarket {
  return { commodityCode: COMMODITY, shelfLife: CHILI, listings, requests, rationing };
}

/** The market's LP data built independently with evaluatePair (delivered units). */
function lpData(listings: EngineListing[], requests: EngineRequest[]) {
  const arcs: LpArc[] = [];
  listings.forEach((listing, from) =>
    requests.forEach((request, to) => {
      const evaluation = evaluatePair(listing, request, CHILI, context());
      if (evaluation.feasible && evaluation.arc.gainPerUnit > 0)
        arcs.push({ from, to, gain: evaluation.arc.gainPerUnit });
    }),
  );
  return {
    supply: listings.map((l) => deliverableCapacity(l.remainingQuantity, maxShrink())),
    demand: requests.map((r) => r.remainingQuantity),
    arcs,
  };
}

function received(result: SolveMarketResult, requestId: string): number {
  return result.allocations
    .filter((a) => a.requestId === requestId)
    .reduce((sum, a) => sum + a.quantity, 0);
}

describe('fairShares (water-filling)', () => {
  it('gives every request the same fill ratio when they all reach the same supply', () => {
    const shares = fairShares({
      supply: [300],
      demand: [200, 200, 200],
      arcFrom: [0, 0, 0],
      arcTo: [0, 1, 2],
      arcCount: 3,
    });
    expect(shares.share).toEqual([100, 100, 100]);
    expect(shares.minRatio.numerator / shares.minRatio.denominator).toBe(0.5);
    expect(shares.deficit).toBe(true);
  });

  it('freezes a request its reachable supply limits and shares the rest among the others', () => {
    // Request 0 only reaches listing 0 (10 units); requests 1 and 2 reach listing 1 (1,000).
    const shares = fairShares({
      supply: [10, 1_000],
      demand: [1_000, 1_000, 1_000],
      arcFrom: [0, 1, 1],
      arcTo: [0, 1, 2],
      arcCount: 3,
    });
    expect(shares.share).toEqual([10, 500, 500]);
    expect(shares.minRatio).toEqual({ numerator: 10, denominator: 1_000 });
    expect(shares.levels).toBe(2);
  });

  it('serves every servable request in full when supply suffices, and leaves unservable ones out', () => {
    const shares = fairShares({
      supply: [1_000],
      demand: [300, 400, 50],
      arcFrom: [0, 0],
      arcTo: [0, 1],
      arcCount: 2,
    });
    expect(shares.share).toEqual([300, 400, 0]);
    expect(shares.level[2]).toBeNull();
    expect(shares.deficit).toBe(false);
  });

  it('keeps whole units: three requests of 1 share 2 units as 1, 1, 0 at a max-min of 0', () => {
    const shares = fairShares({
      supply: [2],
      demand: [1, 1, 1],
      arcFrom: [0, 0, 0],
      arcTo: [0, 1, 2],
      arcCount: 3,
    });
    expect(shares.minRatio.numerator).toBe(0);
    expect(shares.share.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
  });
});

describe('solveRationed against HiGHS', () => {
  it('rations a deficit market of three buyers and half the supply: equal fill ratios, gain maximal among fair allocations', async () => {
    const listings = [
      aListing({ id: 'L-malang', remainingQuantity: 1_200, pricePerUnit: 30_000 }),
      aListing({
        id: 'L-malang-2',
        remainingQuantity: 900,
        pricePerUnit: 33_000,
        originRegionCode: MALANG,
      }),
    ];
    const capacity = listings.reduce(
      (sum, l) => sum + deliverableCapacity(l.remainingQuantity, maxShrink()),
      0,
    );
    const a = Math.floor(capacity / 2);
    const b = Math.floor(capacity / 3);
    const c = capacity - a - b;
    // Three buyers asking twice the deliverable supply, with different maximum prices: the
    // max-gain optimum feeds the highest bidder first.
    const requests = [
      aRequest({ id: 'R-batam', remainingQuantity: 2 * a, maxPricePerUnit: 70_000 }),
      aRequest({
        id: 'R-surabaya',
        remainingQuantity: 2 * b,
        maxPricePerUnit: 52_000,
        destinationRegionCode: SURABAYA,
      }),
      aRequest({ id: 'R-batam-2', remainingQuantity: 2 * c, maxPricePerUnit: 61_000 }),
    ];

    const fair = solveRationed(marketOf(listings, requests, 'fair'), context(), []);
    for (const r of requests) expect(received(fair, r.id) / r.remainingQuantity).toBe(0.5);
    expect(fair.rationing).toMatchObject({ minFillRatio: 0.5, sharesMissed: 0, deficit: true });

    const { supply, demand, arcs } = lpData(listings, requests);
    expect(await maxMinFillRatio(supply, demand, arcs)).toBeCloseTo(0.5, 9);
    const best = await lpOptimumWithLowerBounds(
      supply,
      demand,
      arcs,
      demand.map((q) => q / 2),
    );
    expect(fair.stats.objectiveBeforeRounding).toBe(Math.round(best));

    // The same market under max-gain: unequal, and the price of fairness is what it gives up.
    const maxGain = solveRationed(marketOf(listings, requests, 'max-gain'), context(), []);
    const ratios = requests.map((r) => received(maxGain, r.id) / r.remainingQuantity);
    expect(Math.min(...ratios)).toBeLessThan(0.5);
    expect(fair.rationing!.gainUnconstrained).toBe(maxGain.objective);
    expect(fair.rationing!.priceOfFairness).toBe(maxGain.objective - fair.objective);
    expect(fair.rationing!.priceOfFairness).toBeGreaterThan(0);
  });

  it('on random deficit markets: min fill ratio equals the max-min, gain equals the best gain under the shares (HiGHS)', async () => {
    const random = seededRandom(20261130);
    let rationed = 0;
    let priced = 0;
    for (let round = 0; round < 100; round++) {
      const base = randomMarket(random, COMMODITY, { maxSide: 6 });
      // Shortage: listings carry a fraction of what the requests ask.
      const listings = base.listings.map((l) => ({
        ...l,
        remainingQuantity: Math.max(1, Math.floor(l.remainingQuantity / 3)),
      }));
      const requests = base.requests;
      const result = solveRationed(marketOf(listings, requests, 'fair'), context(), []);
      const outcome = result.rationing!;
      const { supply, demand, arcs } = lpData(listings, requests);

      const maxMin = await maxMinFillRatio(supply, demand, arcs);
      const { numerator, denominator } = outcome.shareMinFillRatio;
      expect(Math.abs(numerator / denominator - maxMin)).toBeLessThanOrEqual(1e-7);

      // The shares the engine guaranteed, recomputed per request from its allocation's floor.
      const shares = fairShares({
        supply,
        demand,
        arcFrom: arcs.map((x) => x.from),
        arcTo: arcs.map((x) => x.to),
        arcCount: arcs.length,
      }).share;
      const best = await lpOptimumWithLowerBounds(supply, demand, arcs, shares);
      expect(Math.abs(result.stats.objectiveBeforeRounding - best)).toBeLessThanOrEqual(
        1e-6 * Math.max(1, best),
      );
      // Every servable request gets at least its share (before the shipped-unit rounding trim,
      // which may take one unit per extra allocation of a listing).
      requests.forEach((r, j) => {
        const got = received(result, r.id);
        expect(got).toBeLessThanOrEqual(r.remainingQuantity);
        expect(got).toBeGreaterThanOrEqual(shares[j] - result.allocations.length);
      });
      if (outcome.rationedRequests > 0) rationed++;
      if (outcome.priceOfFairness > 0) priced++;
    }
    // The generator does produce shortages (otherwise this test would prove little).
    expect(rationed).toBeGreaterThan(20);
    // ...and fair shares that differ from the max-gain optimum (the bounded re-solve runs).
    expect(priced).toBeGreaterThan(5);
  });

  describe('with committed volumes and pieces', () => {
    // Malang supply (1,800 kg deliverable); Jakarta pays more than Batam.
    const listings = [aListing({ id: 'malang', remainingQuantity: 2000, pricePerUnit: 30_000 })];
    const requests = [
      aRequest({ id: 'batam', remainingQuantity: 1500, maxPricePerUnit: 60_000 }),
      aRequest({
        id: 'jakarta',
        remainingQuantity: 2000,
        maxPricePerUnit: 90_000,
        destinationRegionCode: '31.71',
      }),
    ];
    const committed = (quantity: number) => [
      {
        id: 'malang-batam',
        regionCodes: [MALANG, BATAM],
        bonusPerUnit: 0,
        commitment: { remainingQuantity: quantity, shortfallPenaltyPerUnit: 60_000 },
      },
    ];

    it("keeps fair shares as hard bounds: a committed volume above Batam's share is met only with what the shares leave", () => {
      const fair = solveRationed(marketOf(listings, requests, 'fair'), context(), committed(1200));
      const batam = received(fair, 'batam');
      const jakarta = received(fair, 'jakarta');
      // Equal fill ratios to the kilogram: 1,800 kg over 3,500 asked.
      expect(Math.abs(batam / 1500 - jakarta / 2000)).toBeLessThanOrEqual(1 / 1500 + 1e-12);
      expect(batam + jakarta).toBe(1800);
      expect(fair.commitments![0]).toMatchObject({ target: 1200, allocated: batam });
      expect(fair.commitments![0].shortfall).toBe(1200 - batam);
      // Under max-gain the committed volume wins over Jakarta's higher gain.
      const maxGain = solveRationed(
        marketOf(listings, requests, 'max-gain'),
        context(),
        committed(1200),
      );
      expect(received(maxGain, 'batam')).toBe(1200);
    });

    it('meets a committed volume below the share, and counts the pieces of a request as one request', () => {
      const fair = solveRationed(marketOf(listings, requests, 'fair'), context(), committed(600));
      expect(received(fair, 'batam')).toBeGreaterThanOrEqual(771);
      expect(fair.commitments![0].shortfall).toBe(0);

      // Jakarta's request split as the incumbent tie-breaking does: one request of 2,000 kg.
      const pieces = [
        requests[0],
        { ...requests[1], id: 'jakarta#0', pieceOf: 'jakarta', remainingQuantity: 1500 },
        { ...requests[1], remainingQuantity: 500 },
      ];
      const split = solveRationed(marketOf(listings, pieces, 'fair'), context(), []);
      const jakarta = received(split, 'jakarta#0') + received(split, 'jakarta');
      expect(Math.abs(received(split, 'batam') / 1500 - jakarta / 2000)).toBeLessThanOrEqual(
        1 / 1500 + 1e-12,
      );
      expect(split.rationing!.servableRequests).toBe(2);
    });
  });

  it('leaves a max-gain market as the plain optimum', () => {
    const listings = [aListing({ remainingQuantity: 500 })];
    const requests = [
      aRequest({ id: 'R1', maxPricePerUnit: 70_000 }),
      aRequest({ id: 'R2', destinationRegionCode: BATAM }),
    ];
    const result = solveRationed(marketOf(listings, requests, 'max-gain'), context(), []);
    expect(result.rationing).toBeUndefined();
    expect(received(result, 'R1')).toBeGreaterThan(received(result, 'R2'));
  });
});
