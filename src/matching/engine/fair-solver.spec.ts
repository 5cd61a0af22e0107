import { buildFairSolver, solveRationedWithShares } from './rationing';
import { SimplexEngine } from './simplex-engine';
import { chiliMarket, NOW, referenceNetwork } from './testing/market.factory';
import { randomMarket, seededRandom } from './testing/random-market';

const COMMODITY = 'cabai_merah_keriting';

/** Units per request id, a request's pieces (`id#...`) summed under its own id. */
function receivedByRequest(allocations: readonly { requestId: string; quantity: number }[]) {
  const received = new Map<string, number>();
  for (const { requestId, quantity } of allocations) {
    const id = requestId.split('#')[0];
    received.set(id, (received.get(id) ?? 0) + quantity);
  }
  return received;
}

describe('buildFairSolver (a fair market held live)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('solves a market with a deficit once: the shares come from the pairs, the plain optimum is not solved', () => {
    const random = seededRandom(15);
    let deficits = 0;
    let withoutDeficit = 0;
    for (let round = 0; round < 40; round++) {
      const market = randomMarket(random, COMMODITY, { maxSide: 10, withMinimums: true });
      // Every other market short of supply: listings cut to a tenth.
      const short = round % 2 === 0;
      const listings = short
        ? market.listings.map((l) => ({
            ...l,
            remainingQuantity: Math.ceil(l.remainingQuantity / 10),
          }))
        : market.listings;
      const input = chiliMarket({ ...market, listings });
      const solves = jest.spyOn(SimplexEngine, 'solve');
      const fair = buildFairSolver({ ...input, rationing: 'fair' });
      const solved = solves.mock.calls.length;
      solves.mockRestore();

      // The same shares and the same fill per request as the one-shot fair solve.
      const { result, shares } = solveRationedWithShares(
        {
          ...market,
          listings,
          commodityCode: COMMODITY,
          shelfLife: input.shelfLife,
          rationing: 'fair',
        },
        { network: referenceNetwork(), now: NOW },
        [],
      );
      expect(fair.shares).toEqual(shares);
      if (result.rationing!.deficit) {
        deficits++;
        // The share pieces' build alone (and its retry without tie-breaking, never needed here).
        expect(solved).toBe(1);
        expect(fair.short.size).toBeGreaterThan(0);
      } else {
        withoutDeficit++;
        expect(solved).toBeLessThanOrEqual(2);
      }
      expect(receivedByRequest(fair.solver.result().allocations)).toEqual(
        receivedByRequest(result.allocations),
      );
    }
    expect(deficits).toBeGreaterThan(5);
    expect(withoutDeficit).toBeGreaterThan(5);
  });
});
