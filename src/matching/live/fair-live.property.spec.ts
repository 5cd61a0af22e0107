import {
  shareShortfall,
  solveRationedWithShares,
  type Allocation,
  type EngineListing,
  type EngineRequest,
} from '../engine';
import { NOW, referenceNetwork } from '../engine/testing/market.factory';
import { randomMarket, seededRandom } from '../engine/testing/random-market';
import { diffProposals, type MarketSnapshot } from '../matching-run';
import { LiveMarket } from './live-market';
import { randomChange, stillOpen } from './testing/random-changes';
import { COMMODITY, proposalsOf, snapshotOf } from './testing/snapshots';

const network = referenceNetwork();

const gainOf = (allocations: readonly Allocation[]) =>
  allocations.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0);

function fairSnapshot(
  market: { listings: EngineListing[]; requests: EngineRequest[] },
  open: MarketSnapshot['open'] = [],
): MarketSnapshot {
  return { ...snapshotOf(market, open), rationing: 'fair' };
}

function solvedFairly(snapshot: MarketSnapshot) {
  return solveRationedWithShares(
    { ...snapshot, rationing: 'fair' },
    { network, now: NOW },
    snapshot.agreements,
  );
}

/**
 * A `fair` market held live (LiveMarket with its shares, answered by LiveMarkets.mayAnswer):
 * random markets in shortage (every listing cut to a third), the fair optimum's proposals stored,
 * then random single changes of every kind, each answered by the live market and its answer
 * stored in turn. After every change the answer must be what a fresh fair solve gives (as far
 * short of the fresh shares, and the same gain), whether the live market kept its shares through
 * the change or had to rebuild. Without minimum orders, so both are exact.
 */
describe('a fair market held live', () => {
  it("answers each single change with the fresh fair solve's shares and gain, mostly without a rebuild", () => {
    const random = seededRandom(7);
    const stats = { syncs: 0, rebuilt: 0, inShortage: 0, superseded: 0, supersededPlain: 0 };
    for (let round = 0; round < 60; round++) {
      const market = randomMarket(random, COMMODITY, { maxSide: 8 });
      const extra = randomMarket(random, COMMODITY, { maxSide: 8 });
      const short = (l: EngineListing) => ({
        ...l,
        remainingQuantity: Math.max(1, Math.floor(l.remainingQuantity / 3)),
      });
      let listings = market.listings.map(short);
      let requests = market.requests;
      const first = fairSnapshot({ listings, requests });
      let stored = proposalsOf(first, solvedFairly(first).result.allocations);
      const live = LiveMarket.build(fairSnapshot({ listings, requests }, stored), network, 1);
      for (let step = 0; step < 8; step++) {
        ({ listings, requests } = randomChange(random, { listings, requests }, extra, step, {
          listing: short,
          takeFromListings: true,
        }));
        // The stored proposals whose sides are gone were superseded by the change itself.
        stored = stillOpen(stored, { listings, requests });
        const snapshot = fairSnapshot({ listings, requests }, stored);
        const outcome = live.sync(snapshot, network);
        stats.syncs++;
        if (outcome.rebuilt) stats.rebuilt++;
        expect(live.holdsShares).toBe(true);
        const answer = live.allocations();
        const fresh = solvedFairly(snapshot);
        const shares = fresh.shares!;
        expect({
          round,
          step,
          short: shareShortfall(answer, requests, shares),
          gain: gainOf(answer),
        }).toEqual({
          round,
          step,
          short: shareShortfall(fresh.result.allocations, requests, shares),
          gain: gainOf(fresh.result.allocations),
        });
        if ((fresh.result.rationing?.rationedRequests ?? 0) > 0) stats.inShortage++;
        const diff = diffProposals(snapshot, answer);
        stats.superseded += diff.superseded.length;
        stats.supersededPlain += diffProposals(
          snapshot,
          fresh.result.allocations,
        ).superseded.length;
        stored = [...diff.kept, ...proposalsOf(snapshot, diff.fresh)];
      }
    }
    // Seed 7: 480 changes, 283 of them in a shortage (some request rationed); 90 rebuilt, the
    // rest answered with the shares kept; 71 proposals superseded, 86 by a plain fair solve.
    // Each of the four rules of LiveMarket.fairSharesHold, left out, makes some answer fall
    // short of the fresh shares here (48, 12, 13 and 2 of 480).
    expect(stats.inShortage).toBeGreaterThan(stats.syncs / 2);
    expect(stats.rebuilt * 4).toBeLessThan(stats.syncs);
    expect(stats.superseded).toBeLessThanOrEqual(stats.supersededPlain);
  });

  // Requests added one by one to markets in shortage, small enough that the supply left outside
  // the shortage serves them: the shares stay what they were, the new request gets its whole
  // quantity, and the live market must see that without a rebuild. The shipped-unit rounding
  // trim moves a unit here and there between equally good optima; checked on the trimmed
  // allocation, a share one unit shorter than before made 1 change in 5 rebuild a 3,000 x 3,000
  // market (and every one at 10,000 x 10,000).
  it('keeps its shares, without a rebuild, whenever a new request leaves them the fair shares', () => {
    const random = seededRandom(11);
    let kept = 0;
    let needless = 0;
    for (let round = 0; round < 40; round++) {
      const market = randomMarket(random, COMMODITY, { maxSide: 12 });
      const extra = randomMarket(random, COMMODITY, { maxSide: 12 });
      const listings = market.listings.map((l) => ({
        ...l,
        remainingQuantity: Math.max(1, Math.floor(l.remainingQuantity / 2)),
      }));
      let requests = market.requests;
      const first = fairSnapshot({ listings, requests });
      let shares = solvedFairly(first).shares!;
      let stored = proposalsOf(first, solvedFairly(first).result.allocations);
      const live = LiveMarket.build(fairSnapshot({ listings, requests }, stored), network, 1);
      for (let step = 0; step < 6 && extra.requests.length > 0; step++) {
        const template = extra.requests[step % extra.requests.length];
        const added = { ...template, id: `R-new-${step}`, remainingQuantity: 5 + step };
        requests = [...requests, added];
        const snapshot = fairSnapshot({ listings, requests }, stored);
        const rebuilt = live.sync(snapshot, network).rebuilt;
        const fresh = solvedFairly(snapshot).shares!;
        // The old shares and the new request's whole quantity (when some listing reaches it).
        const same =
          [...shares].every(([id, share]) => fresh.get(id) === share) &&
          [...fresh].every(([id, share]) =>
            id === added.id ? share === added.remainingQuantity : shares.get(id) === share,
          );
        if (same && rebuilt) needless++;
        if (same && !rebuilt) kept++;
        shares = fresh;
        stored = proposalsOf(snapshot, live.allocations());
      }
    }
    expect(needless).toBe(0);
    // Seed 11: 44 of the 237 new requests left the shares as they were.
    expect(kept).toBeGreaterThanOrEqual(30);
  });
});
