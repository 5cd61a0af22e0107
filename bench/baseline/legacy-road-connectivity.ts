/** Baseline only: see legacy-transport-network.ts. */
/**
 * Which places a truck can reach. Road works inside one island group, and across the roll-on
 * roll-off ferries that join Sumatra, Java, Bali and Lombok (Merak-Bakauheni, Ketapang-Gilimanuk,
 * Padangbai-Lembar). The rule is deliberately not transitive: Sumbawa reaches Lombok (same
 * island group, Nusa Tenggara Barat) but not Bali, because the ferry set stops at Lombok.
 */

const FERRY_LINKED_ISLAND_GROUPS: ReadonlySet<string> = new Set(['sumatra', 'java', 'bali']);

/**
 * Kemendagri codes of the regions on Lombok: Lombok Barat, Lombok Tengah, Lombok Timur,
 * Lombok Utara and Kota Mataram. The province row (52) is counted as Lombok too, because its
 * capital Mataram and nearly all its cargo traffic are there.
 */
export const LOMBOK_REGION_CODES: ReadonlySet<string> = new Set([
  '52',
  '52.01',
  '52.02',
  '52.03',
  '52.08',
  '52.71',
]);

/** A place as far as the road rule is concerned. */
export interface RoadPlace {
  islandGroup: string;
  /** On the Sumatra-Java-Bali-Lombok truck-ferry chain. */
  ferryLinked: boolean;
}

export function isFerryLinked(islandGroup: string, regionCode: string | null): boolean {
  if (FERRY_LINKED_ISLAND_GROUPS.has(islandGroup)) return true;
  return regionCode !== null && LOMBOK_REGION_CODES.has(regionCode);
}

export function isRoadConnected(a: RoadPlace, b: RoadPlace): boolean {
  return a.islandGroup === b.islandGroup || (a.ferryLinked && b.ferryLinked);
}
