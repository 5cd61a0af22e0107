/**
 * Region codes are Kemendagri codes: a province is `35`, a regency or city in it `35.07`. The one
 * rule of coverage, wherever a region stands for an area (agreements, watchlists, list filters,
 * the engine's agreement lookup): a code covers itself and, when it is a province, every region
 * inside it. Nothing covers a province but the province itself.
 */

/** The province a region code belongs to (a province's own code for a province). */
export function provinceOf(regionCode: string): string {
  return regionCode.split('.')[0];
}

/** Does the area `code` cover the region `region`? */
export function regionCovers(code: string, region: string): boolean {
  return region === code || region.startsWith(`${code}.`);
}

/** The codes that cover a region: itself and, for a regency or city, its province. */
export function codesCovering(region: string): string[] {
  const province = provinceOf(region);
  return province === region ? [region] : [region, province];
}

/**
 * SQL for "the region in `column` is covered by the code in `param`", the same rule in the
 * database (`35` matches the province and every regency/city in it; `35.07` matches exactly).
 */
export function regionCoveredSql(column: string, param: string): string {
  return `(${column} = ${param} OR ${column} LIKE ${param} || '.%')`;
}
