import { addDays, LOCALE, type Language } from '../../format';

/**
 * ISO weeks (Monday to Sunday) as the balance and the agreements report them: `2026-W49` and its
 * Monday as a calendar day (YYYY-MM-DD). Days here are calendar days already cut in the region's
 * zone (the API gives the local Monday), so the arithmetic is on UTC dates and never shifts a day.
 */
const DAY_MS = 24 * 3600 * 1000;

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The Monday of the week holding a day. */
export function mondayOf(date: string): string {
  return addDays(date, -((utc(date).getUTCDay() + 6) % 7));
}

/** The ISO week of a day: the week belongs to the year of its Thursday. */
export function isoWeekOf(date: string): string {
  const thursday = utc(addDays(mondayOf(date), 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface Week {
  /** `2026-W49` */
  week: string;
  /** its Monday, `2026-11-30` */
  weekStart: string;
}

/** `before` weeks before the week of `today`, that week, and `after` weeks after it. */
export function weeksAround(today: string, before: number, after: number): Week[] {
  const monday = mondayOf(today);
  const weeks: Week[] = [];
  for (let i = -before; i <= after; i++) {
    const weekStart = addDays(monday, 7 * i);
    weeks.push({ week: isoWeekOf(weekStart), weekStart });
  }
  return weeks;
}

/**
 * "Minggu 48, 23–29 Nov" / "Week 48, 23–29 Nov"; a week across two months names both
 * ("Minggu 49, 30 Nov–6 Des"). `word` is the catalog's word for week.
 */
export function weekLabel(weekStart: string, word: string, language: Language): string {
  const day = (date: string, month: boolean) =>
    new Intl.DateTimeFormat(LOCALE[language], {
      timeZone: 'UTC',
      day: 'numeric',
      ...(month ? { month: 'short' } : {}),
    }).format(utc(date));
  const sunday = addDays(weekStart, 6);
  const sameMonth = weekStart.slice(0, 7) === sunday.slice(0, 7);
  const number = Number(isoWeekOf(weekStart).slice(-2));
  // Intl's short months may end with a dot in some locales ("Nov."): none in id-ID and en-GB.
  return `${word} ${number}, ${day(weekStart, !sameMonth)}–${day(sunday, true)}`;
}

/** The Monday alone ("23 Nov"), short enough for a chart's axis on a phone. */
export function weekTick(weekStart: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
  }).format(utc(weekStart));
}
