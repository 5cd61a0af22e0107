import { TransportNetwork } from '../../logistics/transport-network';
import { solveRationed } from './rationing';
import type { SolveMarketResult } from './engine.types';
import type { WorkerSolveInput } from './worker-protocol';

let cached: { version: string; network: TransportNetwork } | null = null;

/**
 * Solves markets given as plain data: the body of the worker thread, also callable directly.
 * The network is rebuilt unless the same networkVersion was seen last time (its route cache is
 * worth keeping between calls).
 */
export function solvePlain(input: WorkerSolveInput): SolveMarketResult[] {
  let network: TransportNetwork;
  if (input.networkVersion !== undefined && cached?.version === input.networkVersion) {
    network = cached.network;
  } else {
    network = TransportNetwork.fromData(input.network);
    cached = input.networkVersion === undefined ? null : { version: input.networkVersion, network };
  }
  // Agreements rank covered pairs; those with a committed volume as soft targets (commitments.ts);
  // a `fair` commodity shares a shortage first (rationing.ts).
  return input.markets.map((market) =>
    solveRationed(market, { network, now: input.now }, input.agreements ?? []),
  );
}
