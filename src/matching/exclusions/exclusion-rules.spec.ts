import type { PairTerms } from './exclusion.entity';
import { declineStillHolds } from './exclusion-rules';

const terms: PairTerms = {
  pricePerUnit: 32_000,
  grade: 'I',
  listingQuantity: 5_000,
  minOrderQuantity: null,
  originRegionCode: '35.07',
  availableFrom: '2026-12-01T00:00:00.000Z',
  availableUntil: '2026-12-05T00:00:00.000Z',
  harvestedAt: null,
  maxPricePerUnit: 60_000,
  minGrade: 'II',
  requestQuantity: 3_000,
  destinationRegionCode: '21.71',
  deliverFrom: null,
  deliverBy: '2026-12-10T00:00:00.000Z',
  minShelfLifeDaysOnArrival: 1,
};
const now = (change: Partial<PairTerms>): PairTerms => ({ ...terms, ...change });

describe('declineStillHolds', () => {
  it('keeps every decline while nothing changed', () => {
    for (const reason of ['price', 'quantity', 'timing', 'quality', 'partner', 'other'] as const) {
      expect(declineStillHolds(reason, terms, now({}))).toBe(true);
    }
  });

  it('lifts a price decline only for a better price, not for a worse one', () => {
    expect(declineStillHolds('price', terms, now({ pricePerUnit: 31_999 }))).toBe(false);
    expect(declineStillHolds('price', terms, now({ maxPricePerUnit: 60_001 }))).toBe(false);
    expect(declineStillHolds('price', terms, now({ pricePerUnit: 36_000 }))).toBe(true);
    expect(declineStillHolds('price', terms, now({ maxPricePerUnit: 50_000 }))).toBe(true);
    expect(declineStillHolds('price', terms, now({ grade: 'super' }))).toBe(true);
    // A supplier declining on price is answered by its own higher asking price, nothing else.
    expect(declineStillHolds('price', terms, now({ pricePerUnit: 33_000 }), 'supplier')).toBe(
      false,
    );
    expect(declineStillHolds('price', terms, now({ pricePerUnit: 31_000 }), 'supplier')).toBe(true);
    expect(declineStillHolds('price', terms, now({ maxPricePerUnit: 70_000 }), 'supplier')).toBe(
      true,
    );
  });

  it('lifts the other reasons only for a change of their own terms', () => {
    expect(declineStillHolds('quantity', terms, now({ minOrderQuantity: 500 }))).toBe(false);
    expect(declineStillHolds('quantity', terms, now({ requestQuantity: 2_000 }))).toBe(false);
    expect(declineStillHolds('quantity', terms, now({ pricePerUnit: 1 }))).toBe(true);
    expect(declineStillHolds('timing', terms, now({ deliverBy: '2026-12-12T00:00:00.000Z' }))).toBe(
      false,
    );
    expect(declineStillHolds('timing', terms, now({ grade: 'II' }))).toBe(true);
    expect(declineStillHolds('quality', terms, now({ grade: 'super' }))).toBe(false);
    expect(declineStillHolds('quality', terms, now({ minGrade: 'I' }))).toBe(false);
    expect(declineStillHolds('quality', terms, now({ listingQuantity: 1 }))).toBe(true);
    expect(declineStillHolds('other', terms, now({ originRegionCode: '35.08' }))).toBe(false);
  });

  it('never lifts a partner exclusion by itself', () => {
    expect(declineStillHolds('partner', terms, now({ pricePerUnit: 1, grade: 'super' }))).toBe(
      true,
    );
  });
});
