import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv';
import type { Commodity } from './commodity.entity';
import type { Hub, HubKind } from './hub.entity';
import type { Region, RegionType } from './region.entity';
import type { TransportMode, TransportModeName } from './transport-mode.entity';
import {
  airRouteFromRow,
  ferryCrossingFromRow,
  hubHandlingFromRow,
  seaServiceFromRow,
  shrinkFromRow,
  truckClassFromRow,
} from '../logistics/service-network.rows';
import type { ShrinkRow } from '../logistics/logistics.types';
import type {
  AirRouteRow,
  FerryCrossingRow,
  HubHandlingRow,
  SeaServiceRow,
  SeedRow,
  TruckClassRow,
} from './service-network.entities';

/** The CSVs ship next to this file (copied into dist/ by the build); see data/README.md. */
export const REFERENCE_DATA_DIR = join(__dirname, 'data');

const read = (file: string) => parseCsv(readFileSync(join(REFERENCE_DATA_DIR, file), 'utf8'));
const num = (value: string, what: string): number => {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n)) throw new Error(`${what}: not a number: "${value}"`);
  return n;
};

export function readRegions(): Region[] {
  return read('regions-id.csv').map((r) => ({
    code: r.code,
    name: r.name,
    type: r.type as RegionType,
    provinceCode: r.province_code || null,
    islandGroup: r.island_group,
    latitude: num(r.latitude, `region ${r.code} latitude`),
    longitude: num(r.longitude, `region ${r.code} longitude`),
  }));
}

export function readCommodities(): Commodity[] {
  return read('commodities-id.csv').map((r) => ({
    code: r.code,
    nameId: r.name_id,
    nameEn: r.name_en,
    category: r.category,
    unit: r.unit as Commodity['unit'],
    gradeStandard: r.grade_standard || null,
    grades: r.grades_best_first ? r.grades_best_first.split('|') : [],
    shelfLifeDaysAmbient: num(r.shelf_life_days_ambient, `${r.code} shelf life`),
    shelfLifeDaysCold: num(r.shelf_life_days_cold, `${r.code} cold shelf life`),
    shelfLifeDaysFrozen: r.shelf_life_days_frozen
      ? num(r.shelf_life_days_frozen, `${r.code} frozen shelf life`)
      : null,
    coldChainRequired: r.cold_chain_required === 'true',
    typicalPricePerUnit: Math.round(num(r.typical_price_idr_per_unit, `${r.code} price`)),
    source: r.source,
  }));
}

export function readTransportModes(): TransportMode[] {
  return read('transport-modes.csv').map((r) => ({
    mode: r.mode as TransportModeName,
    detourFactor: num(r.detour_factor, 'detour_factor'),
    speedKmh: num(r.speed_kmh, 'speed_kmh'),
    handlingDays: num(r.handling_days, 'handling_days'),
    waitDays: num(r.wait_days, 'wait_days'),
    fixedIdrPerKg: num(r.fixed_idr_per_kg, 'fixed_idr_per_kg'),
    idrPerKgKm: num(r.idr_per_kg_km, 'idr_per_kg_km'),
    reeferMultiplier: num(r.reefer_multiplier, 'reefer_multiplier'),
    shrinkFraction: num(r.shrink_fraction, 'shrink_fraction'),
    needsSeaOrAirBetweenIslands: r.needs_sea_or_air_between_islands === 'true',
    note: r.note,
  }));
}

export function readHubs(): Hub[] {
  return read('hubs-id.csv').map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind as HubKind,
    city: r.city,
    provinceCode: r.province_code,
    latitude: num(r.latitude, `hub ${r.code} latitude`),
    longitude: num(r.longitude, `hub ${r.code} longitude`),
    iata: r.iata || null,
    source: r.source,
  }));
}

let shrinkTable: ShrinkRow[] | null = null;

/**
 * Shrink per commodity category and transport option (shrink-id.csv, a source per row), read
 * once: it ships with the code, so a change lands with a release, not with an administrator.
 */
export function readShrinkTable(): ShrinkRow[] {
  shrinkTable ??= read('shrink-id.csv').map(shrinkFromRow);
  return shrinkTable;
}

/** The service network's seed rows, each with the source its README row cites. */
export function readServiceNetwork(): {
  seaServices: SeedRow<SeaServiceRow>[];
  ferryCrossings: SeedRow<FerryCrossingRow>[];
  airRoutes: SeedRow<AirRouteRow>[];
  truckClasses: SeedRow<TruckClassRow>[];
  hubHandling: SeedRow<HubHandlingRow>[];
} {
  return {
    seaServices: read('sea-services-id.csv').map((r) => ({
      ...seaServiceFromRow(r),
      source: r.source,
    })),
    ferryCrossings: read('ferry-crossings-id.csv').map((r) => ({
      ...ferryCrossingFromRow(r),
      source: r.source,
    })),
    airRoutes: read('air-routes-id.csv').map((r) => ({ ...airRouteFromRow(r), source: r.source })),
    truckClasses: read('truck-classes-id.csv').map((r) => ({
      ...truckClassFromRow(r),
      source: r.source,
    })),
    hubHandling: read('hub-handling-id.csv').map((r) => ({
      ...hubHandlingFromRow(r),
      coldStore: r.cold_store === 'true',
      source: r.source,
    })),
  };
}
