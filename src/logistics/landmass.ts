/**
 * Which land a truck can drive on without a ferry. Island groups are provinces' islands lumped
 * together; two groups hold islands separated by a strait that only a ferry crosses, so they are
 * split here: Nusa Tenggara Barat into Lombok and Sumbawa (Kayangan-Pototano), and Flores out of
 * Nusa Tenggara Timur (Sape-Labuan Bajo). Timor, Sumba and the smaller NTT islands stay lumped:
 * no ferry crossing of the network joins them yet, so they are reached by sea or air only.
 */

/**
 * Kemendagri codes of the regions on Lombok (Lombok Barat, Tengah, Timur, Utara, Kota Mataram).
 * The province row (52) is counted as Lombok: its capital and nearly all its cargo are there.
 */
export const LOMBOK_REGION_CODES: ReadonlySet<string> = new Set([
  '52',
  '52.01',
  '52.02',
  '52.03',
  '52.08',
  '52.71',
]);

/** Flores: Flores Timur, Sikka, Ende, Ngada, Manggarai, Manggarai Barat, Nagekeo, Manggarai Timur. */
export const FLORES_REGION_CODES: ReadonlySet<string> = new Set([
  '53.06',
  '53.07',
  '53.08',
  '53.09',
  '53.10',
  '53.15',
  '53.16',
  '53.19',
]);

export function landmassOf(islandGroup: string, regionCode: string | null): string {
  if (islandGroup === 'nusa-tenggara-barat') {
    return regionCode !== null && LOMBOK_REGION_CODES.has(regionCode) ? 'lombok' : 'sumbawa';
  }
  if (islandGroup === 'nusa-tenggara-timur' && regionCode !== null) {
    if (FLORES_REGION_CODES.has(regionCode)) return 'flores';
  }
  return islandGroup;
}
