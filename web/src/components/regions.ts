import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/**
 * Names of regions by their BPS code ("35.07" is Kabupaten Malang), fetched once each and kept:
 * people know their regency by name, not by code. A code the API does not know (a port or an
 * airport in a route) is shown as it is.
 */
export function useRegionNames(codes: readonly string[]): (code: string) => string {
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
  });
  return (code) => names.get(code) ?? code;
}
