import { DAY_MS } from './route-table';

/** Wording helpers for explanations: fixed formats, independent of the server's locale. */

function rupiahWith(amount: number, separator: ',' | '.'): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(amount)));
  return `Rp ${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator)}`;
}

/** Rupiah in the English explanations: `Rp 55,000`. */
export function rupiah(amount: number): string {
  return rupiahWith(amount, ',');
}

/** Rupiah as Indonesians read it, for explanations worded in Bahasa Indonesia: `Rp 55.000`. */
export function rupiahId(amount: number): string {
  return rupiahWith(amount, '.');
}

export function days(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** Days from `now` to `at`. */
export function daysFrom(now: number, at: number): string {
  return days((at - now) / DAY_MS);
}

export function utc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function gradeName(rank: number, grades: readonly string[] | undefined): string {
  return grades?.[rank] ?? `rank ${rank}`;
}
