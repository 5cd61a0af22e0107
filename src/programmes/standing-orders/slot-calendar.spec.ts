import {
  dayStart,
  isoWeekday,
  localDay,
  plannedSlots,
  slotQuantity,
  SlotPlan,
  utcOffsetHours,
} from './slot-calendar';

const plan = (overrides: Partial<SlotPlan> = {}): SlotPlan => ({
  quantity: 15000,
  period: 'day',
  deliveryDays: [1, 2, 3, 4, 5, 6, 7],
  startsOn: '2026-12-01',
  endsOn: null,
  ...overrides,
});

describe('slot calendar', () => {
  it('places one slot on every delivery day of the horizon, today included', () => {
    const slots = plannedSlots(plan({ deliveryDays: [1, 3, 5] }), '2026-12-01', 7);
    // 2026-12-01 is a Tuesday: Wednesday, Friday, Monday fall in the next 7 days.
    expect(slots).toEqual([
      { date: '2026-12-02', quantity: 15000 },
      { date: '2026-12-04', quantity: 15000 },
      { date: '2026-12-07', quantity: 15000 },
    ]);
  });

  it('spreads a weekly quantity over the delivery days so that each week adds up exactly', () => {
    const weekly = plan({ period: 'week', quantity: 20001, deliveryDays: [5, 1, 3] });
    expect([1, 3, 5].map((d) => slotQuantity(weekly, d))).toEqual([6667, 6667, 6667]);
    expect([1, 3, 5].map((d) => slotQuantity(weekly, d)).reduce((a, b) => a + b)).toBe(20001);
    expect(slotQuantity(weekly, 2)).toBe(0);
    const uneven = plan({ period: 'week', quantity: 10, deliveryDays: [1, 2, 3] });
    expect([1, 2, 3].map((d) => slotQuantity(uneven, d))).toEqual([4, 3, 3]);
  });

  it('never places a slot before the start or after the end of the plan', () => {
    const slots = plannedSlots(
      plan({ startsOn: '2026-12-03', endsOn: '2026-12-05' }),
      '2026-12-01',
      7,
    );
    expect(slots.map((s) => s.date)).toEqual(['2026-12-03', '2026-12-04', '2026-12-05']);
  });

  it('reads days in the region time zone (WIB, WITA, WIT)', () => {
    expect([utcOffsetHours('21.71'), utcOffsetHours('51.71'), utcOffsetHours('94.71')]).toEqual([
      7, 8, 9,
    ]);
    // 18:00 UTC on 1 December is already 2 December in Batam (01:00 WIB).
    expect(localDay(new Date('2026-12-01T18:00:00Z'), '21.71')).toBe('2026-12-02');
    expect(dayStart('2026-12-02', '21.71').toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(isoWeekday('2026-12-06')).toBe(7);
  });
});
