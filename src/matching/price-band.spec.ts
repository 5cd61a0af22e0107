import { compareWithBand, priceBandOf } from './price-band';

describe('price band of a confidential maximum', () => {
  it('puts a price in a band about 10 % wide whose edges do not depend on it', () => {
    const band = priceBandOf(60_000);
    expect(band.low).toBeLessThanOrEqual(60_000);
    expect(band.high).toBeGreaterThan(60_000);
    expect(band.high / band.low).toBeCloseTo(1.1, 2);
    // Any price in the same band gives the same band.
    expect(priceBandOf(band.low)).toEqual(band);
    expect(priceBandOf(band.high - 1)).toEqual(band);
    expect(priceBandOf(band.high).low).toBe(band.high);
  });

  it('says fits or above only outside the band, whatever the exact maximum', () => {
    const band = priceBandOf(60_000);
    for (const max of [band.low, 58_000, 60_000, band.high - 1]) {
      expect(compareWithBand(band.low, max)).toBe('fits');
      expect(compareWithBand(band.low + 1, max)).toBe('close');
      expect(compareWithBand(band.high - 1, max)).toBe('close');
      expect(compareWithBand(band.high, max)).toBe('above');
    }
  });

  it('never says fits for a landed cost above the maximum, nor above for one below it', () => {
    for (let max = 1; max < 300_000; max += 733) {
      for (const landed of [max - 1, max, max + 1]) {
        const answer = compareWithBand(landed, max);
        if (answer === 'fits') expect(landed).toBeLessThanOrEqual(max);
        if (answer === 'above') expect(landed).toBeGreaterThan(max);
      }
    }
  });
});
