import { MarketSolver } from '../engine/market-solver';
import { referenceNetwork } from '../engine/testing/market.factory';
import { randomMarket, seededRandom } from '../engine/testing/random-market';
import { LIVE_MARKET_MAX_AGE_MS, LiveMarket, sameRecord } from './live-market';
import { COMMODITY, snapshotOf } from './testing/snapshots';

const network = referenceNetwork();

/** The same market, old enough that the next sync rebuilds it. */
function aged(snapshot: ReturnType<typeof snapshotOf>) {
  return { ...snapshot, now: new Date(snapshot.now.getTime() + LIVE_MARKET_MAX_AGE_MS + 1) };
}

describe('a live market rebuilt', () => {
  afterEach(() => jest.restoreAllMocks());

  it('lets go of its old solver before building the new one (two do not fit at national scale)', () => {
    const snapshot = snapshotOf(randomMarket(seededRandom(7), COMMODITY, { maxSide: 6 }));
    const live = LiveMarket.build(snapshot, network, 1);
    const old = live.solver;
    const build = MarketSolver.build.bind(MarketSolver);
    const seen: string[] = [];
    jest.spyOn(MarketSolver, 'build').mockImplementation((input) => {
      try {
        seen.push(live.solver === old ? 'old solver still held' : 'another solver');
      } catch {
        seen.push('none');
      }
      return build(input);
    });

    expect(live.sync(aged(snapshot), network)).toEqual({ rebuilt: true, changes: 0 });
    expect(seen).toEqual(['none']);
    expect(live.solver).not.toBe(old);
    expect(live.objective()).toBe(old.objective());
  });

  it('says so instead of answering from half a market when the rebuild fails', () => {
    const snapshot = snapshotOf(randomMarket(seededRandom(8), COMMODITY, { maxSide: 6 }));
    const live = LiveMarket.build(snapshot, network, 1);
    jest.spyOn(MarketSolver, 'build').mockImplementation(() => {
      throw new Error('out of memory, say');
    });

    expect(() => live.sync(aged(snapshot), network)).toThrow('out of memory, say');
    expect(() => live.objective()).toThrow('live market 1: its rebuild failed');
  });
});

describe('sameRecord: whether a listing or request changed since the last sync', () => {
  const listing = { id: 'l1', remainingQuantity: 500, pricePerUnit: 30000, grade: 'I' };

  it('is the same for equal facts in any key order, a key set to undefined counting as absent', () => {
    expect(sameRecord(listing, { ...listing })).toBe(true);
    expect(
      sameRecord(listing, { grade: 'I', pricePerUnit: 30000, remainingQuantity: 500, id: 'l1' }),
    ).toBe(true);
    expect(sameRecord({ ...listing, organizationVerified: undefined }, listing)).toBe(true);
    expect(sameRecord(listing, { ...listing, organizationVerified: undefined })).toBe(true);
  });

  it('differs on any changed, added or dropped fact, and from nothing known', () => {
    expect(sameRecord(listing, { ...listing, remainingQuantity: 499 })).toBe(false);
    expect(sameRecord(listing, { ...listing, organizationVerified: true })).toBe(false);
    expect(sameRecord({ ...listing, organizationVerified: false }, listing)).toBe(false);
    expect(sameRecord(listing, { ...listing, deliverFrom: null })).toBe(false);
    const { grade: _dropped, ...withoutGrade } = listing;
    expect(sameRecord(listing, withoutGrade)).toBe(false);
    expect(sameRecord(undefined, listing)).toBe(false);
  });
});
