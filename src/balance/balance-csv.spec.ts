import { parseCsv, toCsv } from './balance-csv';

describe('balance CSV', () => {
  it('writes ;-separated UTF-8 with a BOM and CRLF, quoting what needs it, and reads it back', () => {
    const columns: [string, (r: { name: string; kg: number }) => string | number][] = [
      ['Wilayah', (r) => r.name],
      ['Jumlah (kg)', (r) => r.kg],
    ];
    const text = toCsv(columns, [
      { name: 'Kota Batam', kg: 15000 },
      { name: 'Kab. "Malang"; Jawa Timur', kg: -20 },
    ]);
    expect(text.startsWith('\uFEFFWilayah;Jumlah (kg)\r\n')).toBe(true);
    expect(text).toContain('"Kab. ""Malang""; Jawa Timur";-20\r\n');
    expect(parseCsv(text)).toEqual([
      { Wilayah: 'Kota Batam', 'Jumlah (kg)': '15000' },
      { Wilayah: 'Kab. "Malang"; Jawa Timur', 'Jumlah (kg)': '-20' },
    ]);
  });
});
