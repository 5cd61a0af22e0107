import type { EngineListing, EngineRequest, SolveMarketInput } from './engine.types';
import { ExclusionIndex, excludedRequest } from './exclusions';
import { MarketSolver } from './market-solver';
import { solveMarket } from './solve-market';
import { mergePieces, preferIncumbents } from '../incumbent-preference';
import { aListing, aRequest, CHILI, NOW, referenceNetwork } from './testing/market.factory';

function market(
  listings: EngineListing[],
  requests: EngineRequest[],
  exclusions?: SolveMarketInput['exclusions'],
): SolveMarketInput {
  return {
    commodityCode: 'cabai_merah_keriting',
    shelfLife: CHILI,
    listings,
    requests,
    network: referenceNetwork(),
    now: NOW,
    exclusions,
  };
}

const pairs = (input: SolveMarketInput) =>
  solveMarket(input).allocations.map((a) => `${a.listingId}>${a.requestId}:${a.quantity}`);

describe('engine exclusions', () => {
  const cheap = aListing({ id: 'L-cheap', pricePerUnit: 25_000, organizationId: 'coop-a' });
  const dear = aListing({ id: 'L-dear', pricePerUnit: 30_000, organizationId: 'coop-b' });
  const batam = aRequest({ id: 'R-batam', remainingQuantity: 500, organizationId: 'batam' });

  it('allocates the best pair when nothing is excluded', () => {
    expect(pairs(market([cheap, dear], [batam]))).toEqual(['L-cheap>R-batam:500']);
  });

  it('never allocates an excluded pair, serving the request from the next best listing', () => {
    const exclusions = {
      pairs: [{ listingId: 'L-cheap', requestId: 'R-batam' }],
      organizationPairs: [],
    };
    expect(pairs(market([cheap, dear], [batam], exclusions))).toEqual(['L-dear>R-batam:500']);
  });

  it('never pairs two excluded organizations, whichever of them declined', () => {
    for (const [a, b] of [
      ['batam', 'coop-a'],
      ['coop-a', 'batam'],
    ]) {
      const exclusions = {
        pairs: [],
        organizationPairs: [{ organizationId: a, counterpartOrganizationId: b }],
      };
      expect(pairs(market([cheap, dear], [batam], exclusions))).toEqual(['L-dear>R-batam:500']);
    }
  });

  it('keeps an excluded pair out of a live market when the request arrives later', () => {
    const solver = MarketSolver.build(
      market([cheap, dear], [], {
        pairs: [],
        organizationPairs: [{ organizationId: 'batam', counterpartOrganizationId: 'coop-a' }],
      }),
    );
    solver.upsertRequest(batam);
    expect(solver.result().allocations.map((a) => a.listingId)).toEqual(['L-dear']);
  });
});

describe('ExclusionIndex', () => {
  const listing = aListing({ id: 'L', organizationId: 'coop' });
  const request = aRequest({ id: 'R', organizationId: 'office' });

  it('is nothing at all when nothing is excluded', () => {
    expect(ExclusionIndex.of(undefined)).toBeNull();
    expect(ExclusionIndex.of({ pairs: [], organizationPairs: [] })).toBeNull();
  });

  it('excludes a declined pair, and only that pair', () => {
    const index = ExclusionIndex.of({
      pairs: [{ listingId: 'L', requestId: 'R' }],
      organizationPairs: [],
    })!;
    expect(index.excludes(listing, request)).toBe(true);
    expect(index.excludes(listing, aRequest({ id: 'R2', organizationId: 'office' }))).toBe(false);
    expect(index.excludes(aListing({ id: 'L2', organizationId: 'coop' }), request)).toBe(false);
    expect(index.forListing(aListing({ id: 'L2' }))).toBeNull();
    const blocked = index.forListing(listing)!;
    expect([...blocked.requestIds]).toEqual(['R']);
    expect(blocked.organizationIds.size).toBe(0);
  });

  it('keeps two organizations apart whichever of them supplies', () => {
    for (const [a, b] of [
      ['coop', 'office'],
      ['office', 'coop'],
    ]) {
      const index = ExclusionIndex.of({
        pairs: [],
        organizationPairs: [{ organizationId: a, counterpartOrganizationId: b }],
      })!;
      expect(index.excludes(listing, request)).toBe(true);
      expect(index.excludes(listing, aRequest({ id: 'R3', organizationId: 'other' }))).toBe(false);
      // A side without a known organization cannot be matched against an organization pair.
      expect(index.excludes(listing, aRequest({ id: 'R4' }))).toBe(false);
      expect(index.excludes(aListing({ id: 'L5' }), request)).toBe(false);
      expect([...index.forListing(listing)!.organizationIds]).toEqual(['office']);
      expect(index.forListing(listing)!.requestIds.size).toBe(0);
    }
  });

  it('collects several exclusions of one listing', () => {
    const index = ExclusionIndex.of({
      pairs: [
        { listingId: 'L', requestId: 'R' },
        { listingId: 'L', requestId: 'R9' },
      ],
      organizationPairs: [],
    })!;
    expect([...index.forListing(listing)!.requestIds]).toEqual(['R', 'R9']);
    expect(excludedRequest(index.forListing(listing)!, aRequest({ id: 'R9' }))).toBe(true);
  });
});

describe('engine exclusions on a market split for incumbents', () => {
  it('keeps a declined pair out when its request is split into pieces for open proposals', () => {
    // The dear listing holds an open proposal for 300 of Batam's 500: the request is split into
    // a piece of 300 and the rest. The cheaper listing's pair was declined: neither piece may
    // reach it (found by the generated deal sequences after the tie-breaking landed).
    const cheap = aListing({ id: 'L-cheap', pricePerUnit: 25_000, organizationId: 'coop-a' });
    const dear = aListing({ id: 'L-dear', pricePerUnit: 30_000, organizationId: 'coop-b' });
    const batam = aRequest({ id: 'R-batam', remainingQuantity: 500, organizationId: 'batam' });
    const preferred = preferIncumbents(
      [batam],
      [{ listingId: 'L-dear', requestId: 'R-batam', quantityDelivered: 300 }],
    );
    expect(preferred.requests.length).toBe(2);
    const input = {
      ...market([cheap, dear], preferred.requests, {
        pairs: [{ listingId: 'L-cheap', requestId: 'R-batam' }],
        organizationPairs: [],
      }),
      preference: preferred.preference!,
    };
    const allocated = mergePieces(solveMarket(input).allocations);
    expect(allocated.map((a) => `${a.listingId}>${a.requestId}:${a.quantity}`)).toEqual([
      'L-dear>R-batam:500',
    ]);
  });
});
