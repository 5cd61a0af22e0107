import type { PriceLevel, PriceReferenceKind } from './price-reference.entities';

/**
 * Pure rules of reference prices: which version is in force for a region, the band it draws, and
 * where a price stands against it. No Nest, no database: the matching run, the views and the
 * engine's ceilings all use these.
 */

/** A reference row as the rules need it. */
export interface ReferenceRow {
  commodityCode: string;
  zoneCode: string;
  level: PriceLevel;
  kind: PriceReferenceKind;
  lowPerUnit: number | null;
  highPerUnit: number;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  regulation: string;
  source: string;
}

export interface ZoneRow {
  code: string;
  provinceCodes: readonly string[];
}

/** The zone used when no zone of a regulation names the province. */
export const NATIONAL_ZONE = 'nasional';

/** `35.07` -> `35`; a province code is its own province. */
export const provinceOf = (regionCode: string): string => regionCode.split('.')[0];

/** The band a region's price is judged against at one level. */
export interface ReferenceBandDef {
  /** The floor (HAP's lower bound), or null when the reference is a ceiling only. */
  low: number | null;
  /** The ceiling: the HET where there is one, else the HAP's upper bound. */
  high: number;
  kind: PriceReferenceKind;
  zoneCode: string;
  effectiveFrom: string;
  regulation: string;
  source: string;
}

export type BandPosition = 'below' | 'within' | 'above';

/** Where one price stands against one band. */
export interface PriceAgainstBand extends ReferenceBandDef {
  level: PriceLevel;
  price: number;
  position: BandPosition;
  /**
   * Rupiah per unit beyond the nearest edge: price - low when below (negative), price - high
   * when above (positive), 0 within.
   */
  differencePerUnit: number;
  /** differencePerUnit as a percentage of that edge, one decimal (0 within). */
  differencePercent: number;
}

/** What a proposal shows: its trade price at origin and its landed cost at destination. */
export interface ProposalReferenceBand {
  /** pricePerUnit against the producer-level reference of the origin's zone. */
  producer: PriceAgainstBand | null;
  /** landedCostPerUnit against the consumer-level reference of the destination's zone. */
  consumer: PriceAgainstBand | null;
}

/**
 * The versions in force on `on` (YYYY-MM-DD) for one commodity, region and level: for each kind,
 * the latest version effective on or before that day, in the most specific zone that covers the
 * region (a regulation's own zone over `nasional`).
 */
export function referencesInForce(
  rows: readonly ReferenceRow[],
  zones: readonly ZoneRow[],
  commodityCode: string,
  regionCode: string,
  level: PriceLevel,
  on: string,
): ReferenceRow[] {
  const province = provinceOf(regionCode);
  const covering = new Set(
    zones.filter((z) => z.provinceCodes.includes(province)).map((z) => z.code),
  );
  const result: ReferenceRow[] = [];
  for (const kind of ['HAP', 'HET'] as const) {
    const candidates = rows.filter(
      (r) =>
        r.commodityCode === commodityCode &&
        r.level === level &&
        r.kind === kind &&
        r.effectiveFrom <= on &&
        (covering.has(r.zoneCode) || r.zoneCode === NATIONAL_ZONE),
    );
    const specific = candidates.filter((r) => r.zoneCode !== NATIONAL_ZONE);
    const pool = specific.length > 0 ? specific : candidates;
    // Latest version; among zones of one regulation covering the same province (should not
    // happen), the lowest ceiling, so that a doubt never loosens a cap.
    const latest = pool.reduce<ReferenceRow | null>((best, r) => {
      if (!best || r.effectiveFrom > best.effectiveFrom) return r;
      if (r.effectiveFrom === best.effectiveFrom && r.highPerUnit < best.highPerUnit) return r;
      return best;
    }, null);
    if (latest) result.push(latest);
  }
  return result;
}

/**
 * The band drawn by the versions in force: the HAP's floor, and as ceiling the HET where there is
 * one (it is the legal cap), else the HAP's upper bound. Null without any reference.
 */
export function bandOf(inForce: readonly ReferenceRow[]): ReferenceBandDef | null {
  const hap = inForce.find((r) => r.kind === 'HAP');
  const het = inForce.find((r) => r.kind === 'HET');
  const ceiling = het ?? hap;
  if (!ceiling) return null;
  const low = hap?.lowPerUnit ?? null;
  return {
    low: low !== null && low <= ceiling.highPerUnit ? low : null,
    high: ceiling.highPerUnit,
    kind: ceiling.kind,
    zoneCode: ceiling.zoneCode,
    effectiveFrom: ceiling.effectiveFrom,
    regulation: ceiling.regulation,
    source: ceiling.source,
  };
}

const percentOf = (difference: number, edge: number): number =>
  Math.round((difference / edge) * 1000) / 10;

/** Where `price` stands against `band`: inclusive edges, so the ceiling itself is within. */
export function compareWithReference(
  price: number,
  band: ReferenceBandDef,
  level: PriceLevel,
): PriceAgainstBand {
  let position: BandPosition = 'within';
  let differencePerUnit = 0;
  let differencePercent = 0;
  if (band.low !== null && price < band.low) {
    position = 'below';
    differencePerUnit = price - band.low;
    differencePercent = percentOf(differencePerUnit, band.low);
  } else if (price > band.high) {
    position = 'above';
    differencePerUnit = price - band.high;
    differencePercent = percentOf(differencePerUnit, band.high);
  }
  return { ...band, level, price, position, differencePerUnit, differencePercent };
}

/** The reference tables of one commodity, with the lookups a run or a view needs. */
export class ReferenceBook {
  constructor(
    private readonly rows: readonly ReferenceRow[],
    private readonly zones: readonly ZoneRow[],
  ) {}

  band(commodityCode: string, regionCode: string, level: PriceLevel, on: string) {
    return bandOf(referencesInForce(this.rows, this.zones, commodityCode, regionCode, level, on));
  }

  /** The consumer-level ceiling a capped buyer's landed cost may not exceed, or null. */
  consumerCeiling(commodityCode: string, regionCode: string, on: string): number | null {
    return this.band(commodityCode, regionCode, 'consumer', on)?.high ?? null;
  }

  proposalBand(
    commodityCode: string,
    proposal: {
      originRegionCode: string;
      destinationRegionCode: string;
      pricePerUnit: number;
      landedCostPerUnit: number;
    },
    on: string,
  ): ProposalReferenceBand {
    const producer = this.band(commodityCode, proposal.originRegionCode, 'producer', on);
    const consumer = this.band(commodityCode, proposal.destinationRegionCode, 'consumer', on);
    return {
      producer: producer && compareWithReference(proposal.pricePerUnit, producer, 'producer'),
      consumer: consumer && compareWithReference(proposal.landedCostPerUnit, consumer, 'consumer'),
    };
  }
}

/** The calendar day of `at` in Western Indonesia (UTC+7): regulations take effect by WIB dates. */
export function wibDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
