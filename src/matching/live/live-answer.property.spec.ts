import { solveMarket, type Allocation } from '../engine';
import { NOW, referenceNetwork } from '../engine/testing/market.factory';
import { randomMarket, seededRandom } from '../engine/testing/random-market';
import { incumbentsOfProposals, mergePieces, preferIncumbents } from '../incumbent-preference';
import { diffProposals, type MarketSnapshot } from '../matching-run';
import { LiveMarket } from './live-market';
import { randomChange, stillOpen } from './testing/random-changes';
import { COMMODITY, proposalsOf, snapshotOf } from './testing/snapshots';

/**
 * The live market as a run's answer (LiveMarkets.mayAnswer): random markets with many ties
 * (prices on a coarse grid, so equally good optima abound), the proposals of the optimum stored,
 * then random single changes, each answered by the live market and its answer stored in turn.
 * After every change the answer must be an optimum (a fresh solve's objective) and feasible,
 * and move about as few proposals as the run's own solve would (a fresh solve preferring the
 * stored proposals, incumbent-preference.ts), far fewer than a plain solve.
 */

const network = referenceNetwork();

const gainOf = (allocations: readonly Allocation[]) =>
  allocations.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0);

/** What the run's own solve would propose: the optimum preferring the stored proposals. */
function solvedPreferring(snapshot: MarketSnapshot): Allocation[] {
  const preferred = preferIncumbents(snapshot.requests, incumbentsOfProposals(snapshot.open));
  const result = solveMarket({
    ...snapshot,
    requests: preferred.requests,
    ...(preferred.preference ? { preference: preferred.preference } : {}),
    network,
    now: NOW,
  });
  return preferred.preference ? mergePieces(result.allocations) : result.allocations;
}

function expectFeasible(snapshot: MarketSnapshot, allocations: readonly Allocation[]): void {
  const shipped = new Map<string, number>();
  const received = new Map<string, number>();
  for (const a of allocations) {
    shipped.set(a.listingId, (shipped.get(a.listingId) ?? 0) + a.quantityShipped);
    received.set(a.requestId, (received.get(a.requestId) ?? 0) + a.quantity);
  }
  for (const listing of snapshot.listings) {
    expect(shipped.get(listing.id) ?? 0).toBeLessThanOrEqual(listing.remainingQuantity);
  }
  for (const request of snapshot.requests) {
    expect(received.get(request.id) ?? 0).toBeLessThanOrEqual(request.remainingQuantity);
  }
}

/**
 * Each listing and request with a twin (same place, grade, price and dates): which of two twins
 * serves or is served is a tie, and so is every allocation between them.
 */
function withTwins<T extends { id: string; remainingQuantity: number }>(items: T[]): T[] {
  return items.flatMap((item) => [item, { ...item, id: `${item.id}t` }]);
}

/** Prices on a 5,000 grid: many equally good optima, the case the preference is for. */
function coarse<T extends { pricePerUnit?: number; maxPricePerUnit?: number }>(item: T): T {
  const round = (x: number) => Math.round(x / 5_000) * 5_000;
  return {
    ...item,
    ...(item.pricePerUnit !== undefined ? { pricePerUnit: round(item.pricePerUnit) } : {}),
    ...(item.maxPricePerUnit !== undefined ? { maxPricePerUnit: round(item.maxPricePerUnit) } : {}),
  };
}

describe('the live market answering a run', () => {
  it('keeps every proposal of an optimum it is built on, ties included', () => {
    const random = seededRandom(21);
    let differing = 0;
    for (let round = 0; round < 40; round++) {
      const market = randomMarket(random, COMMODITY, { maxSide: 7 });
      const listings = withTwins(market.listings.map(coarse));
      const requests = withTwins(market.requests.map(coarse));
      // Another of the optima than a plain build breaks ties towards: the market solved with
      // its listings' ids in reverse order (a build sorts by id), then named back.
      const n = listings.length;
      const renamed = listings.map((l, i) => ({ ...l, id: `L${String(n - i).padStart(3, '0')}` }));
      const back = new Map(renamed.map((l, i) => [l.id, listings[i].id]));
      const plain = snapshotOf({ listings: renamed, requests });
      const other = solveMarket({ ...plain, network, now: NOW }).allocations.map((a) => ({
        ...a,
        listingId: back.get(a.listingId)!,
        arc: { ...a.arc, listingId: back.get(a.listingId)! },
      }));
      const stored = proposalsOf(snapshotOf({ listings, requests }), other);

      const snapshot = snapshotOf({ listings, requests }, stored);
      const live = LiveMarket.build(snapshot, network, 1);
      const diff = diffProposals(snapshot, live.allocations());
      // Built without them, it would have superseded some: the market has ties to break.
      const unpreferred = LiveMarket.build(snapshotOf({ listings, requests }), network, 1);
      if (diffProposals(snapshot, unpreferred.allocations()).superseded.length > 0) differing++;
      // The optimum in true gains, whatever the nudges: what the settled check compares.
      expect(live.objective()).toBe(unpreferred.objective());
      expect({ round, superseded: diff.superseded.length, fresh: diff.fresh.length }).toEqual({
        round,
        superseded: 0,
        fresh: 0,
      });
    }
    // The property is about ties: enough markets must have them (seed 21: 14 of 40).
    expect(differing).toBeGreaterThanOrEqual(5);
  });

  it('answers each single change with an optimum, moving few more proposals than a solve would', () => {
    const random = seededRandom(42);
    let supersededLive = 0;
    let proposals = 0;
    let supersededPlain = 0;
    let supersededSolve = 0;
    let movedMore = 0;
    for (let round = 0; round < 40; round++) {
      const market = randomMarket(random, COMMODITY, { maxSide: 7 });
      const extra = randomMarket(random, COMMODITY, { maxSide: 8 });
      let listings = withTwins(market.listings.map(coarse));
      let requests = withTwins(market.requests.map(coarse));
      const first = snapshotOf({ listings, requests });
      let stored = proposalsOf(first, solveMarket({ ...first, network, now: NOW }).allocations);
      const live = LiveMarket.build(snapshotOf({ listings, requests }, stored), network, 1);
      for (let step = 0; step < 8; step++) {
        ({ listings, requests } = randomChange(random, { listings, requests }, extra, step, {
          listing: coarse,
          request: coarse,
        }));
        // The stored proposals whose sides are gone were superseded by the change itself.
        stored = stillOpen(stored, { listings, requests });
        const snapshot = snapshotOf({ listings, requests }, stored);
        // A rebuild (the market outgrew the build's scale) is built preferring them too.
        live.sync(snapshot, network);

        const answer = live.allocations();
        const fresh = solveMarket({ ...snapshot, network, now: NOW });
        expect({ round, step, gain: gainOf(answer) }).toEqual({
          round,
          step,
          gain: fresh.objective,
        });
        expectFeasible(snapshot, answer);

        const diff = diffProposals(snapshot, answer);
        const solved = diffProposals(snapshot, solvedPreferring(snapshot));
        supersededLive += diff.superseded.length;
        supersededSolve += solved.superseded.length;
        supersededPlain += diffProposals(snapshot, fresh.allocations).superseded.length;
        if (diff.superseded.length > solved.superseded.length) movedMore++;
        proposals += stored.length;
        stored = [...diff.kept, ...proposalsOf(snapshot, diff.fresh)];
      }
    }
    // Not exact: the nudges are those of the build, and a change re-optimises from the last tree
    // along whichever tied path it offers. On these markets full of ties (seed 42, 320 changes,
    // 613 proposals stored along the way): 42 superseded, against 21 by the run's own solve
    // preferring them (more in 13 changes) and 209 by a plain solve. The bounds fail if the live
    // answer were a plain re-solve, moved three times what the solve would, or moved more in
    // more than one change in ten.
    expect(supersededLive * 4).toBeLessThanOrEqual(supersededPlain);
    expect(supersededLive).toBeLessThanOrEqual(3 * supersededSolve);
    expect(movedMore).toBeLessThanOrEqual(32);
    expect(proposals).toBeGreaterThan(300);
  });
});
