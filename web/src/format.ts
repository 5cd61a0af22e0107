/**
 * How the console shows money, time and quantities to Indonesian users: rupiah with the
 * language's grouping (Rp 37.516 / Rp 37,516), times in the zone of the user's region (WIB,
 * WITA, WIT) rather than UTC, and quantities in kg, kuintal or ton (stored in kg).
 */
export type Language = 'id' | 'en';

/**
 * Named explicitly rather than taken from the browser: a phone set to en-US (or a headless
 * browser) must still see 30 Nov 2026, day before month, as Indonesia and British English
 * write it, never 11/30/2026.
 */
export const LOCALE: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };
/** The dayjs locale of the date pickers, matching LOCALE. */
export const DAYJS_LOCALE: Record<Language, string> = { id: 'id', en: 'en-gb' };

/** Whole rupiah; amounts are integers (or decimal strings for totals beyond 2^53). */
export function formatRupiah(amount: number | string, language: Language): string {
  const value = typeof amount === 'string' ? BigInt(amount) : Math.round(amount);
  return `Rp ${new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: 0 }).format(value)}`;
}

export interface Zone {
  abbreviation: 'WIB' | 'WITA' | 'WIT';
  iana: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  /** Indonesia keeps no daylight saving time: the offset never changes. */
  offset: '+07:00' | '+08:00' | '+09:00';
}
const WIB: Zone = { abbreviation: 'WIB', iana: 'Asia/Jakarta', offset: '+07:00' };
const WITA: Zone = { abbreviation: 'WITA', iana: 'Asia/Makassar', offset: '+08:00' };
const WIT: Zone = { abbreviation: 'WIT', iana: 'Asia/Jayapura', offset: '+09:00' };

/**
 * A calendar day typed in a form as an instant the API accepts (ISO 8601 with an offset): the
 * day's start or end in the zone of the region the day is about (origin for supply,
 * destination for demand), not UTC.
 */
export function dayInZone(date: string, zone: Zone, end: 'start' | 'end'): string {
  return `${date}T${end === 'start' ? '00:00:00' : '23:59:00'}${zone.offset}`;
}

/** Today's calendar day (YYYY-MM-DD) in a zone: at 06:00 WIB it is already today, not UTC's yesterday. */
export function todayInZone(zone: Zone, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone.iana }).format(now);
}

/** A calendar day plus whole days (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * The zone of a region by its province (the first two digits of the BPS code), per Keppres
 * 41/1987 on Indonesia's three time zones: Sumatra, Java, West and Central Kalimantan keep WIB;
 * Bali, Nusa Tenggara, South, East and North Kalimantan and Sulawesi keep WITA; Maluku and
 * Papua keep WIT.
 */
export function zoneOfRegion(regionCode: string | null | undefined): Zone {
  const province = Number((regionCode ?? '').slice(0, 2));
  if (province >= 81) return WIT;
  if (province >= 51 && province <= 53) return WITA;
  if (province >= 63 && province <= 76) return WITA;
  return WIB;
}

export function formatDateTime(iso: string, zone: Zone, language: Language): string {
  const text = new Intl.DateTimeFormat(LOCALE[language], {
    timeZone: zone.iana,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return `${text} ${zone.abbreviation}`;
}

/**
 * The day an instant falls on in a zone, in the user's language: a window stored as 00:00 WIB
 * (17:00 UTC the day before) is the 30th in Malang, not the 29th.
 */
export function formatDayInZone(iso: string, zone: Zone, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    timeZone: zone.iana,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, no time of day): shown as is, in the user's language. */
export function formatDate(date: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

export type QuantityUnit = 'kg' | 'kuintal' | 'ton';
export const KG_PER_UNIT: Record<QuantityUnit, number> = { kg: 1, kuintal: 100, ton: 1000 };

/** What a user typed in a unit, in kg (an integer: the API stores whole kg). */
export function toKg(amount: number, unit: QuantityUnit): number {
  return Math.round(amount * KG_PER_UNIT[unit]);
}

export function formatQuantity(kg: number, unit: QuantityUnit, language: Language): string {
  return `${formatNumber(kg / KG_PER_UNIT[unit], language, 2)} ${unit}`;
}

/** A plain number with the language's decimal comma or point (1,4 hari / 1.4 days). */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits }).format(value);
}

/**
 * The separators a number input groups with, those formatRupiah and formatNumber write in the
 * language: Rp 32.000 in Bahasa Indonesia, Rp 32,000 in English. An input grouped one way next
 * to totals grouped the other reads as 32 rupiah with decimals.
 */
export function numberSeparators(language: Language): {
  thousandSeparator: string;
  decimalSeparator: string;
} {
  const parts = new Intl.NumberFormat(LOCALE[language]).formatToParts(12345.6);
  return {
    thousandSeparator: parts.find((part) => part.type === 'group')?.value ?? '.',
    decimalSeparator: parts.find((part) => part.type === 'decimal')?.value ?? ',',
  };
}
