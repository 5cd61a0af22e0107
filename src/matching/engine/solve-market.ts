import type {
  CommodityMarket,
  MatchingContext,
  SolveMarketInput,
  SolveMarketResult,
} from './engine.types';
import { MarketSolver } from './market-solver';

/**
 * Exact allocation of one commodity's market: the transportation problem over the feasible pairs
 * with positive gain, maximising sum(quantity x gainPerUnit), solved to optimality (network
 * simplex), then the minimum-order rule (see SimplexEngine). Deterministic: the same market in any
 * order gives the same allocation.
 */
export function solveMarket(input: SolveMarketInput): SolveMarketResult {
  return MarketSolver.build(input).result();
}

/** Solves several commodities one after the other (each is an independent problem). */
export function solveMarkets(
  markets: readonly CommodityMarket[],
  context: MatchingContext,
): SolveMarketResult[] {
  return markets.map((market) => solveMarket({ ...market, ...context }));
}
