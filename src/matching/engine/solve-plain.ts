import { TransportNetwork } from '../../logistics/transport-network';
import { solveRationed } from './rationing';
import { RouteTable } from './route-table';
import type { SolveMarketResult } from './engine.types';
import type { WorkerPrepareInput, WorkerSolveInput } from './worker-protocol';

let cached: { version: string; network: TransportNetwork } | null = null;

/**
 * The network of a version, built once: a new version (or none given) builds the network and
 * prepares its route table for these markets' regions at once, shared by all their commodities
 * (RouteTable.prepare), so that the solves that follow only read it.
 */
export function networkFor(
  input: Pick<WorkerSolveInput, 'network' | 'networkVersion'> & Pick<WorkerPrepareInput, 'markets'>,
): TransportNetwork {
  if (input.networkVersion !== undefined && cached?.version === input.networkVersion) {
    return cached.network;
  }
  const network = TransportNetwork.fromData(input.network);
  cached = input.networkVersion === undefined ? null : { version: input.networkVersion, network };
  RouteTable.prepare(network, input.markets);
  return network;
}

/**
 * Solves markets given as plain data: the body of the worker thread, also callable directly.
 * The network is rebuilt unless the same networkVersion was seen last time (its route cache is
 * worth keeping between calls).
 */
export function solvePlain(input: WorkerSolveInput): SolveMarketResult[] {
  const network = networkFor(input);
  // Agreements rank covered pairs; those with a committed volume as soft targets (commitments.ts);
  // a `fair` commodity shares a shortage first (rationing.ts).
  return input.markets.map((market) =>
    solveRationed(market, { network, now: input.now }, input.agreements ?? []),
  );
}

/**
 * Loads a network version ahead of its solves and builds the routes these markets will ask for
 * (all commodities at once); routes of a version already loaded are built only where missing.
 * Returns the number of routes built now.
 */
export function preparePlain(input: WorkerPrepareInput): number {
  const network = networkFor({ ...input, markets: [] });
  return RouteTable.prepare(network, input.markets);
}
