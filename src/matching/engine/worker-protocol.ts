import type { TransportNetworkData } from '../../logistics/logistics.types';
import type {
  CommodityMarket,
  EngineAgreement,
  EngineListing,
  EngineRequest,
  SolveMarketResult,
} from './engine.types';

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

/** Where the markets' goods are and go: what RouteTable.prepare needs, per market. */
export interface RouteFootprint {
  /** The commodity's category: its routes carry that category's shrink (RouteTable.of). */
  category?: string;
  listings: readonly Pick<EngineListing, 'originRegionCode' | 'remainingQuantity'>[];
  requests: readonly Pick<EngineRequest, 'destinationRegionCode' | 'remainingQuantity'>[];
}

/** Builds a network version's routes before its solves (RouteTable.prepare). */
export interface WorkerPrepareInput {
  network: TransportNetworkData;
  networkVersion: string;
  markets: readonly RouteFootprint[];
}

export type WorkerRequest =
  { id: number; input: WorkerSolveInput } | { id: number; prepare: WorkerPrepareInput };

export type WorkerResponse =
  | { id: number; ok: true; results: SolveMarketResult[]; routesBuilt?: number }
  | { id: number; ok: false; error: string };
