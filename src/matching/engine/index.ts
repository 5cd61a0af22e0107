/**
 * The allocation engine: pure TypeScript over plain data (no Nest, no database). See
 * docs in each file; the entry points are solveMarket / solveMarkets (main thread), solveInWorker /
 * EngineWorker (worker thread), MarketSolver (live, incremental) and evaluatePair (why-not).
 */
export * from './engine.types';
export { agreementLookupFrom } from './agreement-lookup';
export { solveWithCommitments } from './commitments';
export { fairShares, type FairShares, type Ratio, type ShareProblem } from './fair-shares';
export {
  buildFairSolver,
  shareShortfall,
  solveRationed,
  solveRationedWithShares,
  type FairSolver,
} from './rationing';
export { EngineWorker, solveInWorker } from './engine-worker';
export { evaluatePair } from './feasibility';
export { ExclusionIndex, type EngineExclusions } from './exclusions';
export { MarketSolver } from './market-solver';
export { solveMarket, solveMarkets } from './solve-market';
export { preparePlain, solvePlain } from './solve-plain';
export type { RouteFootprint, WorkerPrepareInput, WorkerSolveInput } from './worker-protocol';
export { reachFrom, reachInto, type Reach } from './reachability';
