import { regionCovers } from '../../reference/region-coverage';
import type { AgreementBonus, AgreementLookup, EngineAgreement } from './engine.types';

/**
 * Builds the bonus lookup from plain agreement rows (the form a worker thread receives). An
 * agreement covers a pair when one of its regions covers each end, in either direction (coverage as
 * reference/region-coverage.ts rules it: a province code covers its regencies and cities); an agreement with a price band covers only listings priced
 * inside it. When several agreements cover a pair, the largest bonus wins (ties: smallest id).
 * Rows should already be filtered to the ones in force.
 *
 * `priorities` gives agreements with a committed volume their priority per unit for this solve
 * (commitments.ts searches it); an agreement's own bonusPerUnit applies when it is larger.
 */
export function agreementLookupFrom(
  agreements: readonly EngineAgreement[],
  commodityCode?: string,
  priorities?: ReadonlyMap<string, number>,
): AgreementLookup {
  const bonusOf = (a: EngineAgreement) => Math.max(a.bonusPerUnit, priorities?.get(a.id) ?? 0);
  const applicable = agreements
    .filter(
      (a) =>
        a.regionCodes.length === 2 &&
        bonusOf(a) > 0 &&
        (commodityCode === undefined ||
          a.commodityCodes === undefined ||
          a.commodityCodes.includes(commodityCode)),
    )
    .sort((a, b) => bonusOf(b) - bonusOf(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (applicable.length === 0) return () => null;
  const banded = (a: EngineAgreement) =>
    (a.priceFloorPerUnit ?? null) !== null || (a.priceCeilingPerUnit ?? null) !== null;
  const inBand = (a: EngineAgreement, price: number | undefined) =>
    price === undefined ||
    (((a.priceFloorPerUnit ?? null) === null || price >= a.priceFloorPerUnit!) &&
      ((a.priceCeilingPerUnit ?? null) === null || price <= a.priceCeilingPerUnit!));

  const covers = regionCovers;
  const cache = new Map<string, AgreementBonus | null>();
  const priceBanded = applicable.some(banded);

  const lookup = (origin: string, destination: string, pricePerUnit?: number) => {
    const key = priceBanded
      ? `${origin}>${destination}>${pricePerUnit}`
      : `${origin}>${destination}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    let found: AgreementBonus | null = null;
    for (const a of applicable) {
      const [x, y] = a.regionCodes;
      if (
        ((covers(x, origin) && covers(y, destination)) ||
          (covers(y, origin) && covers(x, destination))) &&
        inBand(a, pricePerUnit)
      ) {
        found = { agreementId: a.id, bonusPerUnit: bonusOf(a) };
        break;
      }
    }
    cache.set(key, found);
    return found;
  };
  return Object.assign(lookup, { priceBanded });
}
