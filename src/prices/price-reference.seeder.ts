import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { parseCsv } from '../reference/csv';
import { REFERENCE_DATA_DIR } from '../reference/reference-data';
import {
  PRICE_LEVELS,
  PRICE_REFERENCE_KINDS,
  PriceReference,
  PriceZone,
  type PriceLevel,
  type PriceReferenceKind,
} from './price-reference.entities';

const read = (file: string) => parseCsv(readFileSync(join(REFERENCE_DATA_DIR, file), 'utf8'));

export function readPriceZones(): PriceZone[] {
  return read('price-zones-id.csv').map((r) => ({
    code: r.zone_code,
    name: r.name,
    provinceCodes: r.province_codes.split('|'),
    source: r.source,
  }));
}

type SeedReference = Omit<PriceReference, 'id' | 'createdAt'>;

export function readPriceReferences(): SeedReference[] {
  return read('price-references-id.csv').map((r) => {
    if (!(PRICE_LEVELS as readonly string[]).includes(r.level))
      throw new Error(`price reference ${r.commodity_code}: level "${r.level}"`);
    if (!(PRICE_REFERENCE_KINDS as readonly string[]).includes(r.kind))
      throw new Error(`price reference ${r.commodity_code}: kind "${r.kind}"`);
    return {
      commodityCode: r.commodity_code,
      zoneCode: r.zone_code,
      level: r.level as PriceLevel,
      kind: r.kind as PriceReferenceKind,
      lowPerUnit: r.low_per_unit === '' ? null : Number(r.low_per_unit),
      highPerUnit: Number(r.high_per_unit),
      effectiveFrom: r.effective_from,
      regulation: r.regulation,
      source: r.source,
      createdBy: null,
    };
  });
}

/**
 * Zones follow the file (they transcribe a regulation); reference prices are inserted when
 * missing only: administrators own them afterwards, and a restart must never undo an edit.
 */
export async function seedPriceReferences(manager: EntityManager): Promise<number> {
  await manager.upsert(PriceZone, readPriceZones(), ['code']);
  const references = readPriceReferences();
  await manager
    .createQueryBuilder()
    .insert()
    .into(PriceReference)
    .values(references)
    .orIgnore()
    .execute();
  return references.length;
}
