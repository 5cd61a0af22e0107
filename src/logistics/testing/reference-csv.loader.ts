import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  Hub,
  HubKind,
  RegionGeo,
  TransportModeName,
  TransportModeParams,
  TransportNetworkData,
} from '../logistics.types';
import {
  airRouteFromRow,
  ferryCrossingFromRow,
  hubHandlingFromRow,
  seaServiceFromRow,
  shrinkFromRow,
  truckClassFromRow,
} from '../service-network.rows';

/**
 * Test and benchmark helper: reads the seeded reference CSVs (src/reference/data) without the
 * database. Production code gets the same shapes from the reference tables.
 */
export const REFERENCE_DATA_DIR = join(__dirname, '..', '..', 'reference', 'data');

export interface CommodityRow {
  code: string;
  unit: string;
  grades: string[];
  shelfLifeDaysAmbient: number;
  shelfLifeDaysCold: number;
  coldChainRequired: boolean;
  typicalPricePerUnit: number;
}

/** The reference files hold no quoted fields, so a split is enough; the width check guards it. */
export function readReferenceCsv(file: string): Record<string, string>[] {
  return readCsv(file);
}

function readCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(join(REFERENCE_DATA_DIR, file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const values = line.split(',');
    if (values.length !== header.length) throw new Error(`${file}: unexpected row ${line}`);
    return Object.fromEntries(header.map((name, i) => [name, values[i]]));
  });
}

export function loadRegions(): RegionGeo[] {
  return readCsv('regions-id.csv').map((row) => ({
    code: row.code,
    provinceCode: row.province_code || null,
    islandGroup: row.island_group,
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
  }));
}

export function loadRegionRows(): (RegionGeo & { name: string; type: string })[] {
  return readCsv('regions-id.csv').map((row) => ({
    code: row.code,
    name: row.name,
    type: row.type,
    provinceCode: row.province_code || null,
    islandGroup: row.island_group,
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
  }));
}

export function loadHubs(): Hub[] {
  return readCsv('hubs-id.csv').map((row) => ({
    code: row.code,
    name: row.name,
    kind: row.kind as HubKind,
    provinceCode: row.province_code,
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
  }));
}

export function loadTransportModes(): TransportModeParams[] {
  return readCsv('transport-modes.csv').map((row) => ({
    mode: row.mode as TransportModeName,
    detourFactor: Number(row.detour_factor),
    speedKmh: Number(row.speed_kmh),
    handlingDays: Number(row.handling_days),
    waitDays: Number(row.wait_days),
    fixedIdrPerKg: Number(row.fixed_idr_per_kg),
    idrPerKgKm: Number(row.idr_per_kg_km),
    reeferMultiplier: Number(row.reefer_multiplier),
    shrinkFraction: Number(row.shrink_fraction),
  }));
}

export function loadCommodities(): CommodityRow[] {
  return readCsv('commodities-id.csv').map((row) => ({
    code: row.code,
    unit: row.unit,
    grades: row.grades_best_first ? row.grades_best_first.split('|') : [],
    shelfLifeDaysAmbient: Number(row.shelf_life_days_ambient),
    shelfLifeDaysCold: Number(row.shelf_life_days_cold),
    coldChainRequired: row.cold_chain_required === 'true',
    typicalPricePerUnit: Math.round(Number(row.typical_price_idr_per_unit)),
  }));
}

export function loadNetworkData(): TransportNetworkData {
  return {
    regions: loadRegions(),
    hubs: loadHubs(),
    modes: loadTransportModes(),
    seaServices: readCsv('sea-services-id.csv').map(seaServiceFromRow),
    ferryCrossings: readCsv('ferry-crossings-id.csv').map(ferryCrossingFromRow),
    airRoutes: readCsv('air-routes-id.csv').map(airRouteFromRow),
    truckClasses: readCsv('truck-classes-id.csv').map(truckClassFromRow),
    hubHandling: readCsv('hub-handling-id.csv').map(hubHandlingFromRow),
    shrink: readCsv('shrink-id.csv').map(shrinkFromRow),
  };
}
