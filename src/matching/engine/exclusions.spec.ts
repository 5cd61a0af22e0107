import type { EngineListing, EngineRequest, SolveMarketInput } from './engine.types';
import { MarketSolver } from './market-solver';
import { solveMarket } from './solve-market';
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
