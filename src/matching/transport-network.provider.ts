import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type {
  Hub,
  RegionGeo,
  TransportModeParams,
  TransportNetworkData,
} from '../logistics/logistics.types';
import { TransportNetwork } from '../logistics/transport-network';

/** Operators calibrate transport modes and hubs in the database; a run sees it within this. */
const RELOAD_AFTER_MS = 60_000;

export interface LoadedNetwork {
  data: TransportNetworkData;
  /** Hash of the data: an engine worker thread rebuilds its network only when it changes. */
  version: string;
  network: TransportNetwork;
}

/** Builds the logistics model from the reference tables (regions, hubs, transport modes). */
@Injectable()
export class TransportNetworkProvider {
  private cached: { loadedAt: number; value: LoadedNetwork } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(): Promise<LoadedNetwork> {
    if (this.cached && Date.now() - this.cached.loadedAt < RELOAD_AFTER_MS)
      return this.cached.value;
    const [regions, hubs, modes] = await Promise.all([
      this.dataSource.query<RegionGeo[]>(
        `SELECT code, province_code AS "provinceCode", island_group AS "islandGroup", latitude, longitude
           FROM regions ORDER BY code`,
      ),
      this.dataSource.query<Hub[]>(
        `SELECT code, name, kind, province_code AS "provinceCode", latitude, longitude FROM hubs ORDER BY code`,
      ),
      this.dataSource.query<TransportModeParams[]>(
        `SELECT mode, detour_factor AS "detourFactor", speed_kmh AS "speedKmh", handling_days AS "handlingDays",
                wait_days AS "waitDays", fixed_idr_per_kg AS "fixedIdrPerKg", idr_per_kg_km AS "idrPerKgKm",
                reefer_multiplier AS "reeferMultiplier", shrink_fraction AS "shrinkFraction"
           FROM transport_modes ORDER BY mode`,
      ),
    ]);
    const data: TransportNetworkData = { regions, hubs, modes };
    const version = createHash('sha1').update(JSON.stringify(data)).digest('hex');
    const network =
      this.cached?.value.version === version
        ? this.cached.value.network
        : TransportNetwork.fromData(data);
    this.cached = { loadedAt: Date.now(), value: { data, version, network } };
    return this.cached.value;
  }
}
