import { EntityManager } from 'typeorm';
import { ReferenceBook, type ReferenceRow, type ZoneRow } from './reference-band';

/** Reads the reference tables into a ReferenceBook: two queries, whatever the market's size. */
export async function loadReferenceBook(
  manager: EntityManager,
  commodityCode: string,
): Promise<ReferenceBook> {
  const rows = await manager.query<ReferenceRow[]>(
    `SELECT commodity_code AS "commodityCode", zone_code AS "zoneCode", level, kind,
            low_per_unit AS "lowPerUnit", high_per_unit AS "highPerUnit",
            to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", regulation, source
       FROM price_references WHERE commodity_code = $1`,
    [commodityCode],
  );
  const zones = await loadZones(manager);
  return new ReferenceBook(rows, zones);
}

export function loadZones(manager: EntityManager): Promise<ZoneRow[]> {
  return manager.query<ZoneRow[]>(
    `SELECT code, province_codes AS "provinceCodes" FROM price_zones ORDER BY code`,
  );
}
