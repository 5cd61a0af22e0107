import type { EngineListing, EngineRequest, SolveMarketInput } from './engine.types';
import { evaluatePair } from './feasibility';
import { MarketSolver } from './market-solver';
import { counterpartsFit } from './pair-rules';
import { solveMarket } from './solve-market';
import { aListing, aRequest, CHILI, NOW, referenceNetwork } from './testing/market.factory';

const market = (listings: EngineListing[], requests: EngineRequest[]): SolveMarketInput => ({
  commodityCode: 'cabai_merah_keriting',
  shelfLife: CHILI,
  listings,
  requests,
  network: referenceNetwork(),
  now: NOW,
});

describe('verified counterparts only', () => {
  it('pairs anyone with anyone when nobody asks for verified counterparts', () => {
    expect(counterpartsFit(aListing(), aRequest())).toBe(true);
  });

  it('keeps an unverified supplier away from a buyer that takes verified suppliers only', () => {
    const picky = aRequest({ verifiedCounterpartsOnly: true, organizationVerified: false });
    expect(counterpartsFit(aListing(), picky)).toBe(false);
    expect(counterpartsFit(aListing({ organizationVerified: true }), picky)).toBe(true);
    const evaluation = evaluatePair(aListing(), picky, CHILI, {
      network: referenceNetwork(),
      now: NOW,
    });
    expect(evaluation).toMatchObject({ feasible: false, reason: { rule: 'counterpart' } });
  });

  it('keeps an unverified buyer away from a supplier that takes verified buyers only', () => {
    const picky = aListing({ verifiedCounterpartsOnly: true });
    expect(counterpartsFit(picky, aRequest())).toBe(false);
    expect(counterpartsFit(picky, aRequest({ organizationVerified: true }))).toBe(true);
  });

  it('allocates the buyer to the verified supplier, even when the unverified one is cheaper', () => {
    const cheapUnverified = aListing({ id: 'l-cheap', pricePerUnit: 20_000 });
    const verified = aListing({
      id: 'l-verified',
      pricePerUnit: 30_000,
      organizationVerified: true,
    });
    const picky = aRequest({ verifiedCounterpartsOnly: true });
    const open = aRequest({ id: 'request-2', remainingQuantity: 2000 });

    const result = solveMarket(market([cheapUnverified, verified], [picky, open]));
    const toPicky = result.allocations.filter((a) => a.requestId === picky.id);
    expect(toPicky.map((a) => a.listingId)).toEqual(['l-verified']);
    expect(result.allocations.some((a) => a.listingId === 'l-cheap')).toBe(true);
  });

  it('applies the rule to requests and listings added to a live market', () => {
    const live = MarketSolver.build(market([aListing({ id: 'l-1' })], []));
    live.upsertRequest(aRequest({ verifiedCounterpartsOnly: true }));
    expect(live.result().allocations).toHaveLength(0);
    live.upsertListing(aListing({ id: 'l-2', organizationVerified: true }));
    expect(live.result().allocations.map((a) => a.listingId)).toEqual(['l-2']);
  });
});
