import type { EngineRequest, PairNudge } from './engine.types';
import { MarketSolver } from './market-solver';
import { chiliMarket } from './testing/market.factory';
import { randomMarket, seededRandom } from './testing/random-market';

const COMMODITY = 'cabai_merah_keriting';
const SHARE = '#share';

const input = chiliMarket;

const requestOf = (r: EngineRequest) =>
  r.id.endsWith(SHARE) ? r.id.slice(0, -SHARE.length) : r.id;

/** Splits about half the requests into a guaranteed piece and the rest, as fair shares do. */
function withPieces(requests: readonly EngineRequest[], random: () => number): EngineRequest[] {
  return requests.flatMap((request) => {
    const share = Math.floor(request.remainingQuantity * random());
    if (random() < 0.5 || share < 1) return [request];
    const whole = request.remainingQuantity;
    const pieces: EngineRequest[] = [
      {
        ...request,
        id: `${request.id}${SHARE}`,
        pieceOf: request.id,
        remainingQuantity: share,
        wholeRemainingQuantity: whole,
        guaranteed: true,
      },
    ];
    if (whole > share)
      pieces.push({ ...request, remainingQuantity: whole - share, wholeRemainingQuantity: whole });
    return pieces;
  });
}

describe('MarketSolver.buildOnPairsOf', () => {
  it('gives a market split into pieces the arcs and the answer a fresh build gives it', () => {
    const random = seededRandom(2026);
    let split = 0;
    for (let round = 0; round < 60; round++) {
      const market = randomMarket(random, COMMODITY, { maxSide: 12, withMinimums: true });
      // Incumbents nudged, as the matching run does; a piece is nudged as its request.
      const pairs: PairNudge[] = market.listings.flatMap((listing) =>
        market.requests
          .filter(() => random() < 0.2)
          .map((request) => ({ listingId: listing.id, requestId: request.id, nudge: 1 })),
      );
      const preference = { scale: 1000, pairs };
      const base = MarketSolver.build(input({ ...market, preference }));
      const requests = withPieces(market.requests, random);
      split += requests.length - market.requests.length;
      const piecePairs = [
        ...pairs,
        ...pairs
          .filter((p) => requests.some((r) => r.id === `${p.requestId}${SHARE}`))
          .map((p) => ({ ...p, requestId: `${p.requestId}${SHARE}` })),
      ];
      const derived = input({
        ...market,
        requests,
        preference: { scale: 1000, pairs: piecePairs },
      });

      const copied = MarketSolver.buildOnPairsOf(derived, { pairs: base.pairs, requestOf });
      const scanned = MarketSolver.build(derived);
      const arcs = (s: MarketSolver) => {
        const p = s.pairs.problem;
        return {
          from: Array.from(p.arcFrom.subarray(0, p.arcCount)),
          to: Array.from(p.arcTo.subarray(0, p.arcCount)),
          gain: Array.from(p.arcGain.subarray(0, p.arcCount)),
        };
      };
      expect(arcs(copied)).toEqual(arcs(scanned));
      expect(copied.result()).toEqual(scanned.result());
    }
    expect(split).toBeGreaterThan(50);
  });

  it('scans with pairsOf the pairs build() solves, and builds on them the same answer', () => {
    const random = seededRandom(11);
    for (let round = 0; round < 30; round++) {
      const market = randomMarket(random, COMMODITY, { maxSide: 12, withMinimums: true });
      const built = MarketSolver.build(input(market));
      const scanned = MarketSolver.pairsOf(input(market));
      const { problem, listings, requests } = built.pairs;
      expect(scanned.listings).toEqual(listings);
      expect(scanned.requests).toEqual(requests);
      expect(scanned.problem.arcCount).toBe(problem.arcCount);
      expect(Array.from(scanned.problem.supply)).toEqual(Array.from(problem.supply));
      expect(Array.from(scanned.problem.demand)).toEqual(Array.from(problem.demand));
      for (const key of ['arcFrom', 'arcTo', 'arcGain'] as const) {
        const arcs = (p: typeof problem) => Array.from(p[key].subarray(0, p.arcCount));
        expect(arcs(scanned.problem)).toEqual(arcs(problem));
      }
      const onScan = MarketSolver.buildOnPairsOf(input(market), {
        pairs: scanned,
        requestOf: (r) => r.id,
      });
      expect(onScan.result()).toEqual(built.result());
    }
  });

  it('lets the pairs go once copied when asked to, with the same answer', () => {
    const random = seededRandom(23);
    let withArcs = 0;
    for (let round = 0; round < 10; round++) {
      const market = randomMarket(random, COMMODITY, { maxSide: 12, withMinimums: true });
      const kept = { pairs: MarketSolver.pairsOf(input(market)), requestOf };
      const released = { ...kept, pairs: MarketSolver.pairsOf(input(market)), releasePairs: true };
      const fromKept = MarketSolver.buildOnPairsOf(input(market), kept);
      const fromReleased = MarketSolver.buildOnPairsOf(input(market), released);
      expect(fromReleased.result()).toEqual(fromKept.result());
      expect(kept.pairs.problem.arcCount).toBe(fromKept.candidateArcs);
      if (fromKept.candidateArcs > 0) withArcs++;
      // Nothing of the scan is left to hold its arrays.
      expect(released.pairs.problem.arcCount).toBe(0);
      expect(released.pairs.problem.arcGain).toHaveLength(0);
    }
    expect(withArcs).toBeGreaterThan(3);
  });

  it('refuses a market that is not the base one split into pieces', () => {
    const market = randomMarket(seededRandom(7), COMMODITY, { maxSide: 6 });
    const base = MarketSolver.build(input(market));
    expect(() =>
      MarketSolver.buildOnPairsOf(input({ ...market, listings: market.listings.slice(1) }), {
        pairs: base.pairs,
        requestOf,
      }),
    ).toThrow(/listings/);
    expect(() =>
      MarketSolver.buildOnPairsOf(
        input({ ...market, requests: [{ ...market.requests[0], id: 'elsewhere' }] }),
        { pairs: base.pairs, requestOf },
      ),
    ).toThrow(/elsewhere/);
  });
});
