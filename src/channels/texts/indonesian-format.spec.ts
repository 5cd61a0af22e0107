import {
  calendarDayIn,
  dateTime,
  groupThousands,
  kilograms,
  rupiah,
  shortDate,
  shortHub,
  shortPlace,
  timeZoneOfRegion,
} from './indonesian-format';

describe('Indonesian formats', () => {
  it('writes rupiah with a dot between thousands and a space after Rp', () => {
    expect(rupiah(32000)).toBe('Rp 32.000');
    expect(rupiah(1234567)).toBe('Rp 1.234.567');
    expect(rupiah(500)).toBe('Rp 500');
  });

  it('groups kilograms by language', () => {
    expect(kilograms(3000)).toBe('3.000 kg');
    expect(kilograms(3000, 'en')).toBe('3,000 kg');
    expect(groupThousands(-12500)).toBe('-12.500');
  });

  it('places each province in its zone: Java WIB, Bali and Sulawesi WITA, Papua WIT', () => {
    expect(timeZoneOfRegion('35.07')).toBe('WIB');
    expect(timeZoneOfRegion('21.71')).toBe('WIB');
    expect(timeZoneOfRegion('51.71')).toBe('WITA');
    expect(timeZoneOfRegion('73.71')).toBe('WITA');
    expect(timeZoneOfRegion('64')).toBe('WITA');
    expect(timeZoneOfRegion('81.71')).toBe('WIT');
    expect(timeZoneOfRegion('94.71')).toBe('WIT');
  });

  it('gives the day and time of the recipient zone, not of the server', () => {
    const at = new Date('2026-12-01T17:30:00Z'); // 2 Dec 00.30 WIB, 01.30 WITA, 02.30 WIT
    expect(shortDate(at, 'WIB')).toBe('2 Des');
    expect(dateTime(at, 'WIB')).toBe('2 Des 00.30 WIB');
    expect(dateTime(at, 'WITA')).toBe('2 Des 01.30 WITA');
    expect(dateTime(at, 'WIT', 'en')).toBe('2 Dec 02:30 WIT');
    expect(shortDate(new Date('2026-12-01T16:59:00Z'), 'WIB')).toBe('1 Des');
  });

  it('shortens place and hub names as people say them', () => {
    expect(shortPlace('Kota Batam')).toBe('Batam');
    expect(shortPlace('Kabupaten Malang')).toBe('Malang');
    expect(shortHub('Juanda International Airport')).toBe('Juanda');
    expect(shortHub('Pelabuhan Tanjung Perak')).toBe('Tanjung Perak');
    expect(shortHub('Pelabuhan Malahayati (Krueng Raya)')).toBe('Malahayati');
  });

  it("takes today's date in the person's zone: 06.45 WIB on 1 December is 1 December, not 30 November", () => {
    const at = new Date('2026-11-30T23:45:00Z');
    expect(calendarDayIn(at, 'WIB').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(calendarDayIn(new Date('2026-11-30T16:59:00Z'), 'WIB').toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
    expect(calendarDayIn(new Date('2026-11-30T15:30:00Z'), 'WIT').toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });
});
