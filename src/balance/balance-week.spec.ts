import { isoWeekLabel, regionWeekStart, weekStartOf } from './balance-week';

describe('balance weeks', () => {
  it('reads ISO week labels, including week 53 and the first week of a year', () => {
    expect(weekStartOf('2026-W49')).toBe('2026-11-30');
    expect(weekStartOf('2026-W01')).toBe('2025-12-29');
    expect(weekStartOf('2026-W53')).toBe('2026-12-28');
    expect(weekStartOf('2027-W53')).toBeNull();
    expect(weekStartOf('2026-W00')).toBeNull();
    expect(weekStartOf('2026-49')).toBeNull();
  });

  it('labels a Monday with its ISO week, across a year boundary', () => {
    expect(isoWeekLabel('2026-11-30')).toBe('2026-W49');
    expect(isoWeekLabel('2025-12-29')).toBe('2026-W01');
    expect(isoWeekLabel('2027-01-03')).toBe('2026-W53');
    for (const label of ['2026-W01', '2026-W27', '2026-W53', '2027-W52']) {
      expect(isoWeekLabel(weekStartOf(label)!)).toBe(label);
    }
  });

  it("cuts weeks at Monday 00:00 in the region's zone (WIB, WITA, WIT)", () => {
    // Sunday 29 Nov 16:30 UTC: 23.30 WIB (still Sunday), 00.30 WITA and 01.30 WIT (Monday).
    const at = new Date('2026-11-29T16:30:00Z');
    expect(regionWeekStart(at, '21.71')).toBe('2026-11-23'); // Batam, WIB
    expect(regionWeekStart(at, '73.71')).toBe('2026-11-30'); // Makassar, WITA
    expect(regionWeekStart(at, '94.71')).toBe('2026-11-30'); // Jayapura, WIT
    expect(regionWeekStart(new Date('2026-11-29T17:00:00Z'), '35.07')).toBe('2026-11-30');
  });
});
