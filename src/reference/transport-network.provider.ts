import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { epochMillis } from '../common/epoch-millis';
import type {
  AirRoute,
  FerryCrossing,
  Hub,
  HubHandling,
  NetworkClosure,
  RegionGeo,
  SeaService,
  TransportModeParams,
  TransportNetworkData,
  TruckClass,
} from '../logistics/logistics.types';
import { TransportNetwork } from '../logistics/transport-network';
import { readShrinkTable } from './reference-data';

/** Operators calibrate transport modes and hubs in the database; a run sees it within this. */
const RELOAD_AFTER_MS = 60_000;

export interface LoadedNetwork {
  data: TransportNetworkData;
  /** Hash of the data: an engine worker thread rebuilds its network only when it changes. */
  version: string;
  /** The service network's version number (service_network_versions), as administrators see it. */
  networkVersion: number;
  network: TransportNetwork;
}

/**
 * Builds the logistics model from the reference tables: regions, hubs, transport modes and the
 * service network (the current, active revision of each sea service, ferry crossing, air route,
 * truck class and hub handling row: administrators version them in src/network/), less
 * whatever is closed right now: closures in force (network_closures between started_at and
 * ended_at, the moments NetworkClosures.advance() claims, so that routes change exactly when the
 * proposals that used them are superseded).
 */
@Injectable()
export class TransportNetworkProvider {
  private cached: { loadedAt: number; value: LoadedNetwork } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Forget the cached network: the next get() reloads (after an administrator's change). */
  invalidate(): void {
    this.cached = null;
  }

  /** The network the last get() returned, without a query (null before the first). */
  lastLoaded(): LoadedNetwork | null {
    return this.cached?.value ?? null;
  }

  async get(): Promise<LoadedNetwork> {
    // One cheap query per run: an administrator's change or a closure coming into force or
    // ending adds a version, and every process (API and workers) reloads at its next run.
    const [current] = await this.dataSource.query<{ version: number | null }[]>(
      `SELECT max(version) AS version FROM service_network_versions`,
    );
    const networkVersion = Number(current?.version ?? 0);
    if (
      this.cached &&
      this.cached.value.networkVersion === networkVersion &&
      Date.now() - this.cached.loadedAt < RELOAD_AFTER_MS
    )
      return this.cached.value;
    const q = <T>(sql: string) => this.dataSource.query<T[]>(sql);
    const [seaServices, ferryCrossings, airRoutes, truckClasses, hubHandling, closures] =
      await Promise.all([
        q<SeaService>(
          `SELECT code, from_hub AS "fromHub", to_hub AS "toHub", kind, sailing_hours AS "sailingHours",
                  departures_per_week AS "departuresPerWeek", reefer_plugs AS "reeferPlugs", lcl,
                  rate20ft_idr AS "rate20ftIdr", rate20ft_reefer_idr AS "rate20ftReeferIdr",
                  lcl_idr_per_kg AS "lclIdrPerKg", lcl_min_kg AS "lclMinKg"
             FROM sea_services WHERE superseded_at IS NULL AND active ORDER BY code`,
        ),
        q<FerryCrossing>(
          `SELECT code, from_hub AS "fromHub", to_hub AS "toHub", crossing_hours AS "crossingHours",
                  departures_per_day AS "departuresPerDay", fare_pickup_idr AS "farePickupIdr",
                  fare_engkel_idr AS "fareEngkelIdr", fare_fuso_idr AS "fareFusoIdr",
                  fare_tronton_idr AS "fareTrontonIdr"
             FROM ferry_crossings WHERE superseded_at IS NULL AND active ORDER BY code`,
        ),
        q<AirRoute>(
          `SELECT code, from_hub AS "fromHub", to_hub AS "toHub", flights_per_day AS "flightsPerDay",
                  flight_hours AS "flightHours", idr_per_kg AS "idrPerKg", min_charge_kg AS "minChargeKg",
                  document_fee_idr AS "documentFeeIdr"
             FROM air_routes WHERE superseded_at IS NULL AND active ORDER BY code`,
        ),
        q<TruckClass>(
          `SELECT code, name, reefer, capacity_kg AS "capacityKg", ferry_class AS "ferryClass",
                  idr_per_km AS "idrPerKm", min_trip_idr AS "minTripIdr"
             FROM truck_classes WHERE superseded_at IS NULL AND active ORDER BY code`,
        ),
        q<HubHandling>(
          `SELECT hub, handling_hours AS "handlingHours", handling_idr_per_kg AS "handlingIdrPerKg",
                  cold_store AS "coldStore"
             FROM hub_handling WHERE superseded_at IS NULL AND active ORDER BY hub`,
        ),
        q<NetworkClosure>(
          `SELECT target, ${epochMillis('closed_from')} AS "from",
                  ${epochMillis('closed_until')} AS "until", reason
             FROM network_closures
            WHERE started_at IS NOT NULL AND ended_at IS NULL
            ORDER BY target, closed_from`,
        ),
      ]);
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
    const data: TransportNetworkData = {
      regions,
      hubs,
      modes,
      seaServices,
      ferryCrossings,
      airRoutes,
      truckClasses,
      hubHandling,
      shrink: readShrinkTable(),
      closures,
    };
    const version = createHash('sha1').update(JSON.stringify(data)).digest('hex');
    const network =
      this.cached?.value.version === version
        ? this.cached.value.network
        : TransportNetwork.fromData(data);
    this.cached = { loadedAt: Date.now(), value: { data, version, networkVersion, network } };
    return this.cached.value;
  }
}
