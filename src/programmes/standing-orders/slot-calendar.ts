import { provinceOf } from '../../reference/region-coverage';

/**
 * The calendar of a standing order, as pure functions: which days of a rolling horizon get a
 * delivery slot, how much each slot asks for, and the instants a local day starts at. Days are
 * ISO dates ('2026-12-01') in the region's own time zone (WIB, WITA or WIT): a food office in
 * Jayapura means its own Tuesday, not Jakarta's.
 */

const DAY_MS = 24 * 3600 * 1000;

export type SlotPeriod = 'day' | 'week';

export interface SlotPlan {
  /** Per delivery day ('day') or per ISO week, spread over the week's delivery days ('week'). */
  quantity: number;
  period: SlotPeriod;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday, no duplicates. */
  deliveryDays: readonly number[];
  startsOn: string;
  /** Last day a slot may fall on; null: until ended. */
  endsOn: string | null;
}

export interface PlannedSlot {
  date: string;
  quantity: number;
}

/**
 * Hours east of UTC by province: WIT for Maluku and Papua, WITA for Bali, Nusa Tenggara, the
 * eastern and northern Kalimantan provinces and Sulawesi, WIB elsewhere
 * (Keputusan Presiden No. 41/1987 on the three time zones of Indonesia).
 */
export function utcOffsetHours(regionCode: string): number {
  const province = Number(provinceOf(regionCode));
  if (province >= 81) return 9;
  if ([51, 52, 53, 63, 64, 65].includes(province) || (province >= 71 && province <= 76)) return 8;
  return 7;
}

/** The local calendar day of an instant in a region. */
export function localDay(instant: Date, regionCode: string): string {
  return new Date(instant.getTime() + utcOffsetHours(regionCode) * 3600_000)
    .toISOString()
    .slice(0, 10);
}

/** The instant a local day starts (00:00 local time). */
export function dayStart(day: string, regionCode: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - utcOffsetHours(regionCode) * 3600_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The quantity of the slot on a given weekday. A weekly quantity is spread over the delivery
 * days of the week in whole units: the first (quantity mod n) days carry one unit more, so the
 * week always adds up to exactly the quantity asked for.
 */
export function slotQuantity(plan: SlotPlan, weekday: number): number {
  if (plan.period === 'day') return plan.quantity;
  const days = [...plan.deliveryDays].sort((a, b) => a - b);
  const index = days.indexOf(weekday);
  if (index < 0) return 0;
  const base = Math.floor(plan.quantity / days.length);
  return base + (index < plan.quantity % days.length ? 1 : 0);
}

/**
 * The slots of the horizon that starts on `today` and spans `horizonDays` days (today included):
 * every delivery day inside the plan's validity with a positive quantity.
 */
export function plannedSlots(plan: SlotPlan, today: string, horizonDays: number): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  for (let i = 0; i < horizonDays; i++) {
    const date = addDays(today, i);
    if (date < plan.startsOn) continue;
    if (plan.endsOn !== null && date > plan.endsOn) break;
    const weekday = isoWeekday(date);
    if (!plan.deliveryDays.includes(weekday)) continue;
    const quantity = slotQuantity(plan, weekday);
    if (quantity > 0) slots.push({ date, quantity });
  }
  return slots;
}
