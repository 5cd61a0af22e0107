import { useQueries } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';

/**
 * A port or an airport of a route, from its hub code ("airport-juanda", "port-tanjung-perak"):
 * the API names hubs by code only, so the console writes "Bandara Juanda" / "Juanda airport".
 */
export function hubName(code: string, t: TFunction): string | null {
  const match = /^(airport|port)-(.+)$/.exec(code);
  if (!match) return null;
  const name = match[2]!
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  return t(`hub.${match[1]}`, { name });
}

/**
 * The API's name of a route's place, in the user's language where the reference data has it in
 * English only: airports ("Juanda International Airport" is "Bandara Juanda" on an Indonesian
 * page, "Juanda airport" on an English one). Ports already carry their Indonesian names
 * ("Pelabuhan Tanjung Perak"), and regions theirs.
 */
export function localPlaceName(name: string, code: string, t: TFunction): string {
  if (!code.startsWith('airport-')) return name;
  const match = /^(.+?) (?:International )?Airport( \(.+\))?$/.exec(name);
  return match ? t('hub.airport', { name: `${match[1]}${match[2] ?? ''}` }) : name;
}

/**
 * Names of the places of a route or a candidate: regions by their BPS code ("35.07" is
 * Kabupaten Malang), fetched once each and kept, since people know their regency by name; ports
 * and airports by their hub code. Anything else is shown as it is.
 */
export function useRegionNames(codes: readonly string[]): (code: string) => string {
  const { t } = useTranslation();
  const wanted = [...new Set(codes.filter((c) => /^\d{2}(\.\d{2})?$/.test(c)))];
  const results = useQueries({
    queries: wanted.map((code) => ({
      queryKey: ['region', code],
      queryFn: () => unwrap(api.GET('/api/v1/regions/{code}', { params: { path: { code } } })),
      staleTime: Infinity,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) names.set(wanted[i]!, r.data.name);
    // While its name is on its way, a region shows as an ellipsis, not as its code ("21.71"),
    // which means nothing to a reader; a code stays only if the name cannot be had.
    else if (r.isPending) names.set(wanted[i]!, '…');
  });
  return (code) => names.get(code) ?? hubName(code, t) ?? code;
}
