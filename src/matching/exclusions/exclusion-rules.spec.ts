import type { PairTerms } from './exclusion.entity';
import { declineStillHolds, PAIR_TERMS_SQL, pairTerms } from './exclusion-rules';

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

  // One different value per term; every term is listed so that a term dropped from (or added to)
  // a reason's list shows here.
  const changed: PairTerms = {
    pricePerUnit: 32_001,
    grade: 'II',
    listingQuantity: 5_001,
    minOrderQuantity: 100,
    originRegionCode: '35.08',
    availableFrom: '2026-11-30T00:00:00.000Z',
    availableUntil: '2026-12-06T00:00:00.000Z',
    harvestedAt: '2026-11-29T00:00:00.000Z',
    maxPricePerUnit: 59_999,
    minGrade: 'I',
    requestQuantity: 2_999,
    destinationRegionCode: '21.72',
    deliverFrom: '2026-12-02T00:00:00.000Z',
    deliverBy: '2026-12-11T00:00:00.000Z',
    minShelfLifeDaysOnArrival: 2,
  };
  const liftedBy = {
    quantity: ['listingQuantity', 'requestQuantity', 'minOrderQuantity'],
    timing: [
      'availableFrom',
      'availableUntil',
      'harvestedAt',
      'deliverFrom',
      'deliverBy',
      'minShelfLifeDaysOnArrival',
    ],
    quality: ['grade', 'minGrade'],
    other: Object.keys(terms),
  };

  it.each(Object.entries(liftedBy))('lifts a %s decline for exactly its terms', (reason, lifts) => {
    for (const term of Object.keys(terms) as (keyof PairTerms)[]) {
      const holds = declineStillHolds(
        reason as keyof typeof liftedBy,
        terms,
        now({ [term]: changed[term] }),
      );
      expect({ term, holds }).toEqual({ term, holds: !lifts.includes(term) });
    }
  });
});

describe('pairTerms', () => {
  it('reads a listing and request row into the snapshot, dates as ISO strings', () => {
    const row = {
      price_per_unit: 32_000,
      grade: 'I',
      listing_quantity: 5_000,
      min_order_quantity: null,
      origin_region_code: '35.07',
      available_from: new Date('2026-12-01T00:00:00.000Z'),
      available_until: new Date('2026-12-05T00:00:00.000Z'),
      harvested_at: null,
      max_price_per_unit: 60_000,
      min_grade: 'II',
      request_quantity: 3_000,
      destination_region_code: '21.71',
      deliver_from: null,
      deliver_by: new Date('2026-12-10T00:00:00.000Z'),
      min_shelf_life_days_on_arrival: 1,
    };
    expect(pairTerms(row)).toEqual(terms);
    expect(
      pairTerms({
        ...row,
        harvested_at: new Date('2026-11-29T00:00:00.000Z'),
        deliver_from: new Date('2026-12-02T00:00:00.000Z'),
      }),
    ).toEqual({
      ...terms,
      harvestedAt: '2026-11-29T00:00:00.000Z',
      deliverFrom: '2026-12-02T00:00:00.000Z',
    });
  });
});

describe('PAIR_TERMS_SQL', () => {
  it('selects every column pairTerms reads, under the name it reads it by', () => {
    // The stores select the terms with this text; a column left out or misnamed would reach
    // pairTerms as undefined and lift or keep a decline on a term nobody compared.
    const selected = PAIR_TERMS_SQL.split(',').map((column) =>
      column
        .trim()
        .split(/\s+|\./)
        .pop(),
    );
    expect([...selected].sort()).toEqual(
      [
        'price_per_unit',
        'grade',
        'listing_quantity',
        'min_order_quantity',
        'origin_region_code',
        'available_from',
        'available_until',
        'harvested_at',
        'max_price_per_unit',
        'min_grade',
        'request_quantity',
        'destination_region_code',
        'deliver_from',
        'deliver_by',
        'min_shelf_life_days_on_arrival',
      ].sort(),
    );
    expect(PAIR_TERMS_SQL).toMatch(/\bl\.quantity AS listing_quantity\b/);
    expect(PAIR_TERMS_SQL).toMatch(/\br\.quantity AS request_quantity\b/);
  });
});
