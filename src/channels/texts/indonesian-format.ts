import { provinceOf } from '../../reference/region-coverage';

/**
 * Numbers, money, dates and times as people in Indonesia write them, independent of the
 * server's locale: `Rp 32.000`, `3.000 kg`, `2 Des`, `14.30 WIB`.
 */
export type Language = 'id' | 'en';
export const LANGUAGES: readonly Language[] = ['id', 'en'];

export type TimeZoneName = 'WIB' | 'WITA' | 'WIT';

/** Hours ahead of UTC, all year (Indonesia keeps no daylight saving time). */
export const ZONE_OFFSET_HOURS: Record<TimeZoneName, number> = { WIB: 7, WITA: 8, WIT: 9 };

/*
 * Indonesia's three zones by province (Keppres No. 41 Tahun 1987, which set them; the later
 * provinces follow the region they were split from): WIB (UTC+7) Sumatra, the Riau Islands,
 * Bangka Belitung, Java, West and Central Kalimantan; WITA (UTC+8) Bali, Nusa Tenggara, South,
 * East and North Kalimantan, Sulawesi; WIT (UTC+9) Maluku and Papua. No daylight saving time.
 * Keys are Kemendagri province codes, the first part of every region code.
 */
const WITA_PROVINCES = new Set([
  '51',
  '52',
  '53',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
]);
const WIT_PROVINCES = new Set(['81', '82', '91', '92', '93', '94', '95', '96']);

export function timeZoneOfRegion(regionCode: string): TimeZoneName {
  const province = provinceOf(regionCode);
  if (WITA_PROVINCES.has(province)) return 'WITA';
  if (WIT_PROVINCES.has(province)) return 'WIT';
  return 'WIB';
}

/**
 * The calendar day it is in a zone at an instant, as midnight UTC of that date (how a date
 * without a time of day is kept). "Hari ini" at 06.45 WIB on 1 December is 1 December, where
 * the UTC date is still 30 November.
 */
export function calendarDayIn(instant: Date, zone: TimeZoneName): Date {
  const local = wallClock(instant, zone);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** Thousands with a dot: 3000 -> "3.000" (Indonesian), 3000 -> "3,000" (English). */
export function groupThousands(value: number, language: Language = 'id'): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'id' ? '.' : ',');
  return sign + grouped;
}

/** Rupiah, whole: `Rp 32.000` (the dot in both languages: it is how rupiah are written). */
export function rupiah(value: number): string {
  return `Rp ${groupThousands(value, 'id')}`;
}

export function kilograms(value: number, language: Language = 'id'): string {
  return `${groupThousands(value, language)} kg`;
}

const MONTHS: Record<Language, string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** The wall clock of a zone, as UTC fields of a shifted Date. */
function wallClock(at: Date, zone: TimeZoneName): Date {
  return new Date(at.getTime() + ZONE_OFFSET_HOURS[zone] * 3600_000);
}

/** `2 Des` (the day in the recipient's zone). */
export function shortDate(at: Date, zone: TimeZoneName, language: Language = 'id'): string {
  const wall = wallClock(at, zone);
  return `${wall.getUTCDate()} ${MONTHS[language][wall.getUTCMonth()]}`;
}

/** `2 Des 14.30 WIB` (Indonesian writes the time with a dot), `2 Dec 14:30 WIB`. */
export function dateTime(at: Date, zone: TimeZoneName, language: Language = 'id'): string {
  const wall = wallClock(at, zone);
  const hh = String(wall.getUTCHours()).padStart(2, '0');
  const mm = String(wall.getUTCMinutes()).padStart(2, '0');
  return `${shortDate(at, zone, language)} ${hh}${language === 'id' ? '.' : ':'}${mm} ${zone}`;
}

/** Place names as people say them: `Kota Batam` -> `Batam`, `Kabupaten Malang` -> `Malang`. */
export function shortPlace(name: string): string {
  return name.replace(/^(Kota|Kabupaten|Kab\.)\s+/i, '').trim();
}

/** Hub names as people say them: `Juanda International Airport` -> `Juanda`. */
export function shortHub(name: string): string {
  return name
    .replace(/^(Pelabuhan|Bandar Udara|Bandara)\s+/i, '')
    .replace(/\s+(International\s+)?Airport$/i, '')
    .replace(/\s*\(.*\)\s*$/, '')
    .trim();
}

const MODES: Record<Language, Record<string, string>> = {
  id: {
    road: 'darat',
    'road-reefer': 'darat berpendingin',
    sea: 'laut',
    'sea-reefer': 'laut berpendingin',
    air: 'udara',
    'air-reefer': 'udara berpendingin',
  },
  en: {
    road: 'road',
    'road-reefer': 'refrigerated road',
    sea: 'sea',
    'sea-reefer': 'refrigerated sea',
    air: 'air',
    'air-reefer': 'refrigerated air',
  },
};

export function transportMode(label: string, language: Language = 'id'): string {
  return MODES[language][label] ?? label;
}
