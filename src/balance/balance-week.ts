import {
  timeZoneOfRegion,
  type TimeZoneName,
  ZONE_OFFSET_HOURS,
} from '../channels/texts/indonesian-format';

/**
 * The weeks of the balance: ISO weeks (Monday to Sunday) in the region's own zone, WIB (UTC+7),
 * WITA (UTC+8) or WIT (UTC+9), as Keppres 41/1987 assigns them by province. A listing available
 * from Monday 01:00 WIT in Jayapura is in that week, though it is still Sunday in Jakarta. A
 * region's zone is its province's, so a province and its regencies always cut weeks alike.
 */

const DAY_MS = 24 * 3600 * 1000;

/** `2026-W49` */
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** The Monday (ISO date) of an ISO week label, or null if it is not one (`2026-W54`). */
export function weekStartOf(label: string): string | null {
  const match = ISO_WEEK.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  // Week 1 is the week with the year's first Thursday, i.e. the one containing 4 January.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // 0 = Monday
  const monday = jan4 - jan4Weekday * DAY_MS + (week - 1) * 7 * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/** The ISO week label of a date (`2026-11-30` -> `2026-W49`). */
export function isoWeekLabel(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function weeksInYear(year: number): number {
  // 53 weeks when 28 December falls in week 53, i.e. the year has 53 Thursdays.
  return isoWeekLabel(`${year}-12-28`).endsWith('53') ? 53 : 52;
}

/** The Monday (local date) of the week an instant falls in, in a region's zone. */
export function regionWeekStart(instant: Date, regionCode: string): string {
  const local = instant.getTime() + ZONE_OFFSET_HOURS[timeZoneOfRegion(regionCode)] * 3600_000;
  const weekday = (new Date(local).getUTCDay() + 6) % 7;
  return new Date(local - (local % DAY_MS) - weekday * DAY_MS).toISOString().slice(0, 10);
}

export function zoneOfRegion(regionCode: string): TimeZoneName {
  return timeZoneOfRegion(regionCode);
}

/**
 * The same rule in SQL, for the aggregates: the UTC offset in hours of the region a code names,
 * generated from `timeZoneOfRegion` over every two-digit province code so that the two can
 * never disagree.
 */
export function offsetHoursSql(codeExpr: string): string {
  const byZone: Record<'WITA' | 'WIT', string[]> = { WITA: [], WIT: [] };
  for (let p = 10; p <= 99; p++) {
    const zone = timeZoneOfRegion(String(p));
    if (zone !== 'WIB') byZone[zone].push(`'${p}'`);
  }
  return `(CASE WHEN left(${codeExpr}, 2) IN (${byZone.WITA.join(',')}) THEN ${ZONE_OFFSET_HOURS.WITA}
                WHEN left(${codeExpr}, 2) IN (${byZone.WIT.join(',')}) THEN ${ZONE_OFFSET_HOURS.WIT}
                ELSE ${ZONE_OFFSET_HOURS.WIB} END)`;
}

/** The local Monday of the week of a timestamptz expression, in the zone of a region code. */
export function weekStartSql(instantExpr: string, codeExpr: string): string {
  return `(date_trunc('week', (${instantExpr} AT TIME ZONE 'UTC') + make_interval(hours => ${offsetHoursSql(codeExpr)})))::date`;
}
