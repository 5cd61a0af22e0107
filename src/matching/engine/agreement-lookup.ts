import type { TransportNetwork } from '../../logistics/transport-network';
import type { AgreementBonus, AgreementLookup, EngineAgreement } from './engine.types';

/**
 * Builds the bonus lookup from plain agreement rows (the form a worker thread receives). An
 * agreement covers a pair when one of its regions covers each end, in either direction; a province
 * code covers its regencies and cities. When several agreements cover a pair, the largest bonus
 * wins (ties: smallest id). Rows should already be filtered to the ones in force.
 */
export function agreementLookupFrom(
  agreements: readonly EngineAgreement[],
  network: TransportNetwork,
  commodityCode?: string,
): AgreementLookup {
  const applicable = agreements
    .filter(
      (a) =>
        a.regionCodes.length === 2 &&
        a.bonusPerUnit > 0 &&
        (commodityCode === undefined ||
          a.commodityCodes === undefined ||
          a.commodityCodes.includes(commodityCode)),
    )
    .sort((a, b) => b.bonusPerUnit - a.bonusPerUnit || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (applicable.length === 0) return () => null;

  const covers = (agreementRegion: string, regionCode: string): boolean =>
    agreementRegion === regionCode || network.region(regionCode)?.provinceCode === agreementRegion;
  const cache = new Map<string, AgreementBonus | null>();

  return (origin, destination) => {
    const key = `${origin}>${destination}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    let found: AgreementBonus | null = null;
    for (const a of applicable) {
      const [x, y] = a.regionCodes;
      if (
        (covers(x, origin) && covers(y, destination)) ||
        (covers(y, origin) && covers(x, destination))
      ) {
        found = { agreementId: a.id, bonusPerUnit: a.bonusPerUnit };
        break;
      }
    }
    cache.set(key, found);
    return found;
  };
}
