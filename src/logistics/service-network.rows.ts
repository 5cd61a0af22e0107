import type {
  AirRoute,
  FerryCrossing,
  FerryVehicleClass,
  HubHandling,
  SeaService,
  ShrinkRow,
  TransportOptionLabel,
  SeaServiceKind,
  TruckClass,
} from './logistics.types';

/**
 * Rows of the service-network CSVs (src/reference/data, sources per row there) as typed plain
 * data. Shared by the seeder and by tests and benchmarks that read the files without a database.
 */
type Row = Record<string, string>;

const num = (row: Row, field: string): number => {
  const value = row[field];
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) {
    throw new Error(`${row.code ?? row.hub}: ${field} is not a number: "${value}"`);
  }
  return n;
};
const optionalNum = (row: Row, field: string): number | null =>
  row[field] === '' ? null : num(row, field);

export function seaServiceFromRow(row: Row): SeaService {
  return {
    code: row.code,
    fromHub: row.from_hub,
    toHub: row.to_hub,
    kind: row.kind as SeaServiceKind,
    sailingHours: num(row, 'sailing_hours'),
    departuresPerWeek: num(row, 'departures_per_week'),
    reeferPlugs: num(row, 'reefer_plugs'),
    lcl: row.lcl === 'true',
    rate20ftIdr: optionalNum(row, 'rate_20ft_idr'),
    rate20ftReeferIdr: optionalNum(row, 'rate_20ft_reefer_idr'),
    lclIdrPerKg: num(row, 'lcl_idr_per_kg'),
    lclMinKg: num(row, 'lcl_min_kg'),
  };
}

export function ferryCrossingFromRow(row: Row): FerryCrossing {
  return {
    code: row.code,
    fromHub: row.from_hub,
    toHub: row.to_hub,
    crossingHours: num(row, 'crossing_hours'),
    departuresPerDay: num(row, 'departures_per_day'),
    farePickupIdr: num(row, 'fare_pickup_idr'),
    fareEngkelIdr: num(row, 'fare_engkel_idr'),
    fareFusoIdr: num(row, 'fare_fuso_idr'),
    fareTrontonIdr: num(row, 'fare_tronton_idr'),
  };
}

export function airRouteFromRow(row: Row): AirRoute {
  return {
    code: row.code,
    fromHub: row.from_hub,
    toHub: row.to_hub,
    flightsPerDay: num(row, 'flights_per_day'),
    flightHours: num(row, 'flight_hours'),
    idrPerKg: num(row, 'idr_per_kg'),
    minChargeKg: num(row, 'min_charge_kg'),
    documentFeeIdr: num(row, 'document_fee_idr'),
  };
}

export function truckClassFromRow(row: Row): TruckClass {
  return {
    code: row.code,
    name: row.name,
    reefer: row.reefer === 'true',
    capacityKg: num(row, 'capacity_kg'),
    ferryClass: row.ferry_class as FerryVehicleClass,
    idrPerKm: num(row, 'idr_per_km'),
    minTripIdr: num(row, 'min_trip_idr'),
  };
}

const OPTION_LABELS: readonly TransportOptionLabel[] = [
  'road',
  'road-reefer',
  'sea',
  'sea-reefer',
  'air',
];

export function shrinkFromRow(row: Row): ShrinkRow {
  const label = row.label as TransportOptionLabel;
  if (!OPTION_LABELS.includes(label)) throw new Error(`shrink: unknown option "${row.label}"`);
  const shrinkFraction = num(row, 'shrink_fraction');
  if (shrinkFraction < 0 || shrinkFraction >= 1)
    throw new Error(`shrink ${row.category} ${label}: ${shrinkFraction} is not a fraction`);
  return { category: row.category, label, shrinkFraction };
}

export function hubHandlingFromRow(row: Row): HubHandling {
  return {
    hub: row.hub,
    handlingHours: num(row, 'handling_hours'),
    handlingIdrPerKg: num(row, 'handling_idr_per_kg'),
    coldStore: row.cold_store === 'true',
  };
}
