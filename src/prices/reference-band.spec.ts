import {
  bandOf,
  compareWithReference,
  ReferenceBook,
  referencesInForce,
  wibDate,
  type ReferenceRow,
} from './reference-band';

const row = (overrides: Partial<ReferenceRow>): ReferenceRow => ({
  commodityCode: 'cabai_merah_keriting',
  zoneCode: 'nasional',
  level: 'consumer',
  kind: 'HAP',
  lowPerUnit: 37_000,
  highPerUnit: 55_000,
  effectiveFrom: '2022-12-28',
  regulation: 'Perbadan 11/2022',
  source: 'test',
  ...overrides,
});

const zones = [
  { code: 'nasional', provinceCodes: ['21', '35', '81'] },
  { code: 'het-beras-1', provinceCodes: ['35'] },
  { code: 'het-beras-2', provinceCodes: ['21'] },
];

describe('compareWithReference', () => {
  const band = bandOf([row({})])!;

  it('says below, by how much in rupiah and percent of the floor', () => {
    expect(compareWithReference(33_300, band, 'consumer')).toMatchObject({
      position: 'below',
      differencePerUnit: -3_700,
      differencePercent: -10,
    });
  });

  it('says within for both edges and anything between, with no difference', () => {
    for (const price of [37_000, 46_000, 55_000])
      expect(compareWithReference(price, band, 'consumer')).toMatchObject({
        position: 'within',
        differencePerUnit: 0,
        differencePercent: 0,
      });
  });

  it('says above, by how much over the ceiling', () => {
    expect(compareWithReference(66_000, band, 'consumer')).toMatchObject({
      position: 'above',
      differencePerUnit: 11_000,
      differencePercent: 20,
      high: 55_000,
    });
  });

  it('never says below for a ceiling-only reference (HET)', () => {
    const het = bandOf([row({ kind: 'HET', lowPerUnit: null, highPerUnit: 14_000 })])!;
    expect(het.low).toBeNull();
    expect(compareWithReference(9_000, het, 'consumer').position).toBe('within');
    expect(compareWithReference(14_001, het, 'consumer')).toMatchObject({
      position: 'above',
      differencePerUnit: 1,
      differencePercent: 0,
    });
  });
});

describe('referencesInForce and bandOf', () => {
  const rows = [
    row({}),
    row({ effectiveFrom: '2026-12-01', lowPerUnit: 40_000, highPerUnit: 60_000 }),
    row({
      commodityCode: 'beras_medium',
      kind: 'HET',
      lowPerUnit: null,
      highPerUnit: 13_500,
      zoneCode: 'het-beras-1',
      effectiveFrom: '2025-08-22',
    }),
    row({
      commodityCode: 'beras_medium',
      kind: 'HET',
      lowPerUnit: null,
      highPerUnit: 14_000,
      zoneCode: 'het-beras-2',
      effectiveFrom: '2025-08-22',
    }),
  ];

  it('takes the latest version effective on the day, never a future one', () => {
    const before = referencesInForce(
      rows,
      zones,
      'cabai_merah_keriting',
      '21.71',
      'consumer',
      '2026-11-30',
    );
    expect(before.map((r) => r.highPerUnit)).toEqual([55_000]);
    const after = referencesInForce(
      rows,
      zones,
      'cabai_merah_keriting',
      '21.71',
      'consumer',
      '2026-12-01',
    );
    expect(after.map((r) => r.highPerUnit)).toEqual([60_000]);
  });

  it("picks the zone of the region's province (Batam is zone II, Malang zone I)", () => {
    const book = new ReferenceBook(rows, zones);
    expect(book.consumerCeiling('beras_medium', '21.71', '2026-01-01')).toBe(14_000);
    expect(book.consumerCeiling('beras_medium', '35.07', '2026-01-01')).toBe(13_500);
    expect(book.consumerCeiling('beras_medium', '81.01', '2026-01-01')).toBeNull();
  });

  it('uses the HET as ceiling over the HAP upper bound, and keeps the HAP floor', () => {
    const band = bandOf([row({}), row({ kind: 'HET', lowPerUnit: null, highPerUnit: 50_000 })])!;
    expect(band).toMatchObject({ low: 37_000, high: 50_000, kind: 'HET' });
  });

  it('has no band without a reference, and none for the other level', () => {
    expect(bandOf([])).toBeNull();
    const book = new ReferenceBook(rows, zones);
    expect(book.band('cabai_merah_keriting', '35.07', 'producer', '2026-01-01')).toBeNull();
  });

  it('shows a proposal at origin (producer) and destination (consumer)', () => {
    const book = new ReferenceBook(
      [...rows, row({ level: 'producer', lowPerUnit: 22_000, highPerUnit: 29_600 })],
      zones,
    );
    const band = book.proposalBand(
      'cabai_merah_keriting',
      {
        originRegionCode: '35.07',
        destinationRegionCode: '21.71',
        pricePerUnit: 20_000,
        landedCostPerUnit: 60_500,
      },
      '2026-11-30',
    );
    expect(band.producer).toMatchObject({
      position: 'below',
      differencePerUnit: -2_000,
      differencePercent: -9.1,
    });
    expect(band.consumer).toMatchObject({
      position: 'above',
      differencePerUnit: 5_500,
      differencePercent: 10,
    });
  });

  it('dates a moment by the WIB calendar day', () => {
    expect(wibDate(new Date('2026-11-30T17:30:00Z'))).toBe('2026-12-01');
    expect(wibDate(new Date('2026-11-30T16:59:00Z'))).toBe('2026-11-30');
  });
});
