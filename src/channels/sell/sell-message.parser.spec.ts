import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../reference/csv';
import { CommodityName, parseSellMessage } from './sell-message.parser';

// The commodities' Indonesian names as the platform seeds them.
const COMMODITIES: CommodityName[] = parseCsv(
  readFileSync(join(__dirname, '../../reference/data/commodities-id.csv'), 'utf8'),
).map((row) => ({
  code: row.code,
  nameId: row.name_id,
  grades: row.grades_best_first ? row.grades_best_first.split('|') : [],
}));

const TODAY = new Date('2026-11-30T03:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`).toISOString();

describe('JUAL grammar', () => {
  it.each([
    [
      'cabai keriting 2 ton 32000 mutu I panen 3/12',
      {
        commodityCode: 'cabai_merah_keriting',
        quantity: 2000,
        pricePerUnit: 32000,
        harvestDate: day('2026-12-03'),
        grade: 'I',
      },
    ],
    [
      'Cabe kriting 20 kuintal Rp32.000/kg mutu super',
      {
        commodityCode: 'cabai_merah_keriting',
        quantity: 2000,
        pricePerUnit: 32000,
        harvestDate: null,
        grade: 'super',
      },
    ],
    [
      'cabai rawit merah 1,5 ton 45rb kelas II panen besok',
      {
        commodityCode: 'cabai_rawit_merah',
        quantity: 1500,
        pricePerUnit: 45000,
        harvestDate: day('2026-12-01'),
        grade: 'II',
      },
    ],
    [
      'bawang merah 500kg 28500 mutu I panen 28 Nov',
      {
        commodityCode: 'bawang_merah',
        quantity: 500,
        pricePerUnit: 28500,
        harvestDate: day('2026-11-28'),
        grade: 'I',
      },
    ],
    [
      'bwang merah 2.000 kg 27000 panen 2 desember 2026 mutu II',
      {
        commodityCode: 'bawang_merah',
        quantity: 2000,
        pricePerUnit: 27000,
        harvestDate: day('2026-12-02'),
        grade: 'II',
      },
    ],
    [
      'jagung pipilan kering 3 ton 6000 mutu III panen 5-1',
      {
        commodityCode: 'jagung_pipilan_kering',
        quantity: 3000,
        pricePerUnit: 6000,
        harvestDate: day('2027-01-05'),
        grade: 'III',
      },
    ],
    [
      'telur 15 kw rp 29k grade I',
      {
        commodityCode: 'telur_ayam_ras',
        quantity: 1500,
        pricePerUnit: 29000,
        harvestDate: null,
        grade: 'I',
      },
    ],
    [
      'cabai merah besar 800 kg 41.500 mutu super panen hari ini',
      {
        commodityCode: 'cabai_merah_besar',
        quantity: 800,
        pricePerUnit: 41500,
        harvestDate: day('2026-11-30'),
        grade: 'super',
      },
    ],
  ])('understands "JUAL %s"', (text, draft) => {
    expect(parseSellMessage(text, COMMODITIES, TODAY)).toEqual({ kind: 'draft', draft });
  });

  it.each([
    [
      'cabai 2 ton 32000',
      /Yang mana: cabai merah keriting, cabai merah besar, cabai rawit merah, cabai rawit hijau/,
    ],
    [
      'cabai merah 2 ton 32000',
      /Yang mana: cabai merah keriting, cabai merah besar, cabai rawit merah\?/,
    ],
    ['minyak goreng 1 ton 15000', /Yang mana: minyak goreng curah, minyak goreng kemasan/],
    ['durian 2 ton 32000', /Komoditas "durian" tidak dikenal/],
    ['cabai keriting 2 32000', /Jumlahnya 2 apa: kg, kuintal atau ton\?/],
    ['cabai keriting 2 ton', /Berapa harga per kg untuk 2\.000 kg cabai merah keriting\?/],
    ['cabai keriting 2 ton 32', /Harga Rp 32\/kg\? Bila maksudnya Rp 32\.000\/kg/],
    [
      'cabai keriting 2 ton 32000 mutu I panen kemarin dulu',
      /Tanggal panen "kemarin dulu" tidak terbaca/,
    ],
    ['cabai keriting 2 ton 32000 mutu I panen 31/2', /Tanggal panen "31\/2" tidak terbaca/],
    [
      'cabai keriting 2 ton 32000 mutu I kualitas bagus',
      /Bagian "kualitas bagus" tidak dimengerti/,
    ],
    ['', /Komoditas apa yang dijual\?/],
    [
      'cabai keriting 2 ton 32000 panen 3/12',
      /Mutu apa \(super, I, II\)\? Kirim ulang dengan mutu/,
    ],
    [
      'cabai keriting 2 ton 32000 mutu A',
      /Mutu "a" tidak ada untuk cabai merah keriting: pilih super, I, II/,
    ],
    ['minyakita 1 ton 15700 mutu I', /Minyakita tidak memakai mutu/],
    ['cabai keriting banyak', /Berapa jumlahnya\?/],
  ])('asks instead of guessing for "JUAL %s"', (text, question) => {
    const parsed = parseSellMessage(text, COMMODITIES, TODAY);
    expect(parsed.kind).toBe('question');
    if (parsed.kind === 'question') expect(parsed.question.id).toMatch(question);
  });
});
