import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDate,
  formatDayInZone,
  formatDateTime,
  formatNumber,
  formatQuantity,
  formatRupiah,
  todayInZone,
  toKg,
  zoneOfRegion,
} from './format';

describe('formatting for Indonesian users', () => {
  it('writes rupiah with the language grouping', () => {
    expect(formatRupiah(37516, 'id')).toBe('Rp 37.516');
    expect(formatRupiah(37516, 'en')).toBe('Rp 37,516');
    expect(formatRupiah('123456789012345678', 'id')).toBe('Rp 123.456.789.012.345.678');
  });

  it("shows times in the zone of the user's region, not UTC", () => {
    const at = '2026-03-01T01:30:00Z';
    expect(formatDateTime(at, zoneOfRegion('35.07'), 'id')).toMatch(/08[.:]30 WIB$/);
    expect(formatDateTime(at, zoneOfRegion('21.71'), 'en')).toMatch(/08:30 WIB$/);
    expect(formatDateTime(at, zoneOfRegion('51.71'), 'en')).toMatch(/09:30 WITA$/);
    expect(formatDateTime(at, zoneOfRegion('73.71'), 'en')).toMatch(/09:30 WITA$/);
    expect(formatDateTime(at, zoneOfRegion('94.71'), 'en')).toMatch(/10:30 WIT$/);
  });

  it('converts kg, kuintal and ton both ways, storing whole kg', () => {
    expect(toKg(2.5, 'ton')).toBe(2500);
    expect(toKg(3, 'kuintal')).toBe(300);
    expect(formatQuantity(1250, 'ton', 'id')).toBe('1,25 ton');
    expect(formatQuantity(1250, 'kuintal', 'en')).toBe('12.5 kuintal');
    expect(formatQuantity(1250, 'kg', 'id')).toBe('1.250 kg');
  });
});

describe('dates in the user language and zone, whatever the browser default', () => {
  it('writes the day before the month in both languages', () => {
    expect(formatDayInZone('2026-11-29T17:00:00.000Z', zoneOfRegion('35.07'), 'id')).toBe(
      '30 Nov 2026',
    );
    expect(formatDayInZone('2026-11-29T17:00:00.000Z', zoneOfRegion('94.71'), 'en')).toBe(
      '30 Nov 2026',
    );
    expect(formatDate('2026-11-30', 'id')).toBe('30 Nov 2026');
    expect(formatDate('2026-11-30', 'en')).toBe('30 Nov 2026');
    expect(formatDate('2026-12-01', 'id')).toBe('1 Des 2026');
  });

  it("takes today from the region's zone, not UTC", () => {
    // 23:30 UTC on 29 November is already 30 November in Batam (WIB) and in Jayapura (WIT).
    const lateUtc = new Date('2026-11-29T23:30:00Z');
    expect(todayInZone(zoneOfRegion('21.71'), lateUtc)).toBe('2026-11-30');
    expect(todayInZone(zoneOfRegion('94.71'), lateUtc)).toBe('2026-11-30');
    expect(todayInZone(zoneOfRegion('21.71'), new Date('2026-11-29T16:30:00Z'))).toBe('2026-11-29');
    expect(addDays('2026-11-30', 7)).toBe('2026-12-07');
  });

  it('writes fractions with the language decimal mark', () => {
    expect(formatNumber(1.41, 'id')).toBe('1,4');
    expect(formatNumber(1.41, 'en')).toBe('1.4');
  });
});
