import type { TransportNetworkData } from '../../logistics/logistics.types';
import type { CommodityMarket, EngineAgreement, SolveMarketResult } from './engine.types';

/** Everything a worker thread needs to solve markets: plain data only (structured clone). */
export interface WorkerSolveInput {
  network: TransportNetworkData;
  /**
   * Identifies the network data (e.g. a hash or the reference data's update time). A long-lived
   * worker rebuilds its network only when this changes; without it, on every call.
   */
  networkVersion?: string;
  now: number;
  markets: readonly CommodityMarket[];
  /** Agreements in force; each market gets those covering its commodity. */
  agreements?: readonly EngineAgreement[];
}

export interface WorkerRequest {
  id: number;
  input: WorkerSolveInput;
}

export type WorkerResponse =
  { id: number; ok: true; results: SolveMarketResult[] } | { id: number; ok: false; error: string };
