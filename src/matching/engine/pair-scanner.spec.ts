import { evaluatePair } from './feasibility';
import { listingFacts, shelfModel } from './pair-rules';
import { INFEASIBLE, PairScanner } from './pair-scanner';
import { RouteTable } from './route-table';
import { CHILI, NOW, referenceNetwork } from './testing/market.factory';
import { randomMarket, seededRandom } from './testing/random-market';

describe('PairScanner', () => {
  it('agrees with evaluatePair on feasibility, gain and option for thousands of random pairs', () => {
    const network = referenceNetwork();
    const routes = RouteTable.of(network);
    const random = seededRandom(5);
    let feasible = 0;
    let infeasible = 0;
    for (let round = 0; round < 200; round++) {
      const shelf = round % 2 === 0 ? CHILI : { shelfLifeDaysAmbient: 10, shelfLifeDaysCold: 20 };
      const scanner = new PairScanner(shelfModel(shelf));
      const { listings, requests } = randomMarket(random, 'cabai_merah_keriting', {
        withMinimums: true,
      });
      for (const listing of listings) {
        const facts = listingFacts(listing, NOW, routes);
        for (const request of requests) {
          const route = routes.route(
            facts.originIndex,
            routes.regionIndex(request.destinationRegionCode),
            facts.lotBand,
          );
          scanner.prepare(facts, route);
          const gain = scanner.gain(request);
          const evaluation = evaluatePair(listing, request, shelf, { network, now: NOW });
          if (evaluation.feasible) {
            feasible++;
            expect(gain).toBe(evaluation.arc.gainPerUnit);
            expect(route.options[scanner.chosenOption].label).toBe(evaluation.arc.transportLabel);
          } else {
            infeasible++;
            expect(gain).toBe(INFEASIBLE);
          }
        }
      }
    }
    // Both outcomes must be well represented for the comparison to mean something.
    expect(feasible).toBeGreaterThan(500);
    expect(infeasible).toBeGreaterThan(500);
  });
});
