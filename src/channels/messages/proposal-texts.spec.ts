import type { PriceAgainstBand } from '../../prices/reference-band';
import { bandText } from './proposal-texts';

const band = (overrides: Partial<PriceAgainstBand>): PriceAgainstBand => ({
  level: 'producer',
  price: 32_000,
  position: 'above',
  differencePerUnit: 2_400,
  differencePercent: 8.1,
  low: 22_000,
  high: 29_600,
  kind: 'HAP',
  zoneCode: 'nasional',
  effectiveFrom: '2022-12-28',
  regulation: 'Perbadan 11/2022',
  source: 'test',
  ...overrides,
});

describe('bandText', () => {
  it('says above and by how much, in rupiah and percent, in both languages', () => {
    expect(bandText(band({}), 'id')).toBe(' (di atas HAP Rp 2.400 / 8,1%)');
    expect(bandText(band({}), 'en')).toBe(' (above the HAP by Rp 2.400 / 8.1%)');
  });

  it('says below with the amount under the floor', () => {
    expect(
      bandText(
        band({ position: 'below', differencePerUnit: -2_000, differencePercent: -9.1 }),
        'id',
      ),
    ).toBe(' (di bawah HAP Rp 2.000 / 9,1%)');
  });

  it('says within, and nothing at all without a reference', () => {
    expect(
      bandText(
        band({ position: 'within', differencePerUnit: 0, differencePercent: 0, kind: 'HET' }),
        'id',
      ),
    ).toBe(' (dalam rentang HET)');
    expect(bandText(null, 'id')).toBe('');
  });
});
