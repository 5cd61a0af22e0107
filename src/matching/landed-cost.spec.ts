import { landedBase } from './engine/route-table';
import { landedCostBreakdown, rupiahTotal } from './landed-cost';

describe('landed cost breakdown', () => {
  it('explains the whole landed cost: price, shrink, transport and fees add up exactly', () => {
    // The demo's case: Rp 31,000/kg at origin by reefer sea (10 % shrink) at Rp 3,072/kg.
    const landed = landedBase(31_000, 100_000) + 3_072;
    const parts = landedCostBreakdown({
      pricePerUnit: 31_000,
      transportCostPerUnit: 3_072,
      landedCostPerUnit: landed,
    });
    expect(parts).toEqual({
      pricePerUnit: 31_000,
      shrinkPerUnit: 3_445,
      transportPerUnit: 3_072,
      feesPerUnit: 0,
    });
    expect(
      parts.pricePerUnit + parts.shrinkPerUnit + parts.transportPerUnit + parts.feesPerUnit,
    ).toBe(landed);
  });

  it('adds up for every price and shrink', () => {
    for (let price = 1; price < 200_000; price += 997) {
      for (const ppm of [0, 20_000, 40_000, 100_000]) {
        const landed = landedBase(price, ppm) + 1_234;
        const p = landedCostBreakdown({
          pricePerUnit: price,
          transportCostPerUnit: 1_234,
          landedCostPerUnit: landed,
        });
        expect(p.shrinkPerUnit).toBeGreaterThanOrEqual(0);
        expect(p.pricePerUnit + p.shrinkPerUnit + p.transportPerUnit + p.feesPerUnit).toBe(landed);
      }
    }
  });

  it('multiplies rupiah totals exactly beyond 2^53', () => {
    expect(rupiahTotal(3_000, 37_516)).toBe('112548000');
    // 2,000,000,000 x 9,007,199 = 18,014,398,000,000,000 > 2^53: a double would round it.
    expect(rupiahTotal(2_000_000_001, 9_007_199)).toBe('18014398009007199');
  });
});
