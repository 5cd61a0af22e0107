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

  it('uses the fixed ladder Rp 1,000 x 1.1^k, rounded to whole rupiah, from zero', () => {
    expect(priceBandOf(0)).toEqual({ low: 0, high: 1_000 });
    expect(priceBandOf(999)).toEqual({ low: 0, high: 1_000 });
    expect(priceBandOf(1_000)).toEqual({ low: 1_000, high: 1_100 });
    expect(priceBandOf(1_100)).toEqual({ low: 1_100, high: 1_210 });
    expect(priceBandOf(1_331)).toEqual({ low: 1_331, high: 1_464 });
    expect(priceBandOf(60_000)).toEqual({ low: 54_764, high: 60_240 });
  });

  it('keeps a top band open to the largest safe integer above the last edge', () => {
    const top = priceBandOf(Number.MAX_SAFE_INTEGER - 1);
    expect(top.high).toBe(Number.MAX_SAFE_INTEGER);
    expect(top.low).toBeGreaterThanOrEqual(1e13 / 1.1);
    expect(top.low).toBeLessThan(1e13);
    expect(priceBandOf(top.low - 1).high).toBe(top.low);
  });
});
