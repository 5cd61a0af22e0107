import { readHubs, readRegions } from './reference-data';

let names: ReadonlyMap<string, string> | null = null;

/**
 * The name people know a place of a route by: a region by its BPS code ("35.07" is Kabupaten
 * Malang), a port or an airport by its hub code ("port-tanjung-perak" is Pelabuhan Tanjung
 * Perak). Read once from the reference CSVs the seeder writes into the database, so a view
 * built outside Nest (MatchView.from) can name its legs without a query; null for a code the
 * reference data does not hold (a hub removed since the proposal was made).
 */
export function placeName(code: string): string | null {
  names ??= new Map<string, string>([
    ...readRegions().map((r): [string, string] => [r.code, r.name]),
    ...readHubs().map((h): [string, string] => [h.code, h.name]),
  ]);
  return names.get(code) ?? null;
}

/** A route's legs with the names of their two ends, as the API shows them to people. */
export function withPlaceNames<Leg extends { from: string; to: string }>(
  legs: readonly Leg[],
): (Leg & { fromName: string | null; toName: string | null })[] {
  return legs.map((leg) => ({ ...leg, fromName: placeName(leg.from), toName: placeName(leg.to) }));
}
