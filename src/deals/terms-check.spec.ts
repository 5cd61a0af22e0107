import { brokenTerms } from './terms-check';
import type { ListingTermsSnapshot, RequestTermsSnapshot } from './trade-terms';

const GRADES = ['super', 'I', 'II'];
const match = {
  pricePerUnit: 32_000,
  landedCostPerUnit: 37_516,
  departureDate: new Date('2026-12-01T00:00:00Z'),
  arrivalDate: new Date('2026-12-03T00:00:00Z'),
  shelfLifeDaysOnArrival: 4,
};
const listing: ListingTermsSnapshot = {
  id: 'l',
  grade: 'I',
  pricePerUnit: 32_000,
  quantity: 5_000,
  minOrderQuantity: null,
  originRegionCode: '35.07',
  availableFrom: '2026-11-30T00:00:00.000Z',
  availableUntil: '2026-12-05T00:00:00.000Z',
  harvestedAt: null,
};
const request: RequestTermsSnapshot = {
  id: 'r',
  minGrade: 'II',
  quantity: 3_000,
  maxPricePerUnit: 60_000,
  destinationRegionCode: '21.71',
  deliverFrom: null,
  deliverBy: '2026-12-10T00:00:00.000Z',
  minShelfLifeDaysOnArrival: 2,
};

describe('brokenTerms', () => {
  it('finds nothing broken while the listing and request still honour the proposal', () => {
    expect(brokenTerms(match, listing, request, GRADES)).toEqual([]);
  });

  it('names each term an edit broke after the proposal was computed', () => {
    expect(brokenTerms(match, { ...listing, pricePerUnit: 36_000 }, request, GRADES)).toEqual([
      'pricePerUnit',
    ]);
    expect(brokenTerms(match, listing, { ...request, maxPricePerUnit: 37_000 }, GRADES)).toEqual([
      'maxPricePerUnit',
    ]);
    expect(brokenTerms(match, listing, { ...request, minGrade: 'super' }, GRADES)).toEqual([
      'grade',
    ]);
    expect(
      brokenTerms(
        match,
        { ...listing, availableFrom: '2026-12-02T00:00:00.000Z' },
        request,
        GRADES,
      ),
    ).toEqual(['availableFrom/availableUntil']);
    expect(
      brokenTerms(match, listing, { ...request, deliverBy: '2026-12-02T00:00:00.000Z' }, GRADES),
    ).toEqual(['deliverBy']);
    expect(
      brokenTerms(match, listing, { ...request, deliverFrom: '2026-12-04T00:00:00.000Z' }, GRADES),
    ).toEqual(['deliverFrom']);
    expect(
      brokenTerms(match, listing, { ...request, minShelfLifeDaysOnArrival: 5 }, GRADES),
    ).toEqual(['minShelfLifeDaysOnArrival']);
  });

  it('holds at every boundary: each limit is inclusive', () => {
    const exact = {
      ...match,
      landedCostPerUnit: 60_000,
      departureDate: new Date(listing.availableFrom),
      arrivalDate: new Date(request.deliverBy),
      shelfLifeDaysOnArrival: 2,
    };
    expect(brokenTerms(exact, listing, request, GRADES)).toEqual([]);
    const lastDay = { ...match, departureDate: new Date(listing.availableUntil) };
    expect(brokenTerms(lastDay, listing, request, GRADES)).toEqual([]);
    const arrivesAtStart = { deliverFrom: match.arrivalDate.toISOString() };
    expect(brokenTerms(match, listing, { ...request, ...arrivesAtStart }, GRADES)).toEqual([]);
    expect(brokenTerms(match, listing, { ...request, minGrade: 'I' }, GRADES)).toEqual([]);
  });

  it('refuses a departure after the listing closed', () => {
    const closed = { ...listing, availableUntil: '2026-11-30T12:00:00.000Z' };
    expect(brokenTerms(match, closed, request, GRADES)).toEqual(['availableFrom/availableUntil']);
  });

  it('lets any grade pass a request without a minimum grade', () => {
    const anyGrade = { ...request, minGrade: null };
    expect(brokenTerms(match, { ...listing, grade: 'II' }, anyGrade, GRADES)).toEqual([]);
  });

  it('names every broken term at once, in a stable order', () => {
    const late = { ...match, arrivalDate: new Date('2026-12-11T00:00:00Z') };
    expect(
      brokenTerms(
        late,
        { ...listing, pricePerUnit: 1, grade: 'II' },
        { ...request, minGrade: 'super', maxPricePerUnit: 1, minShelfLifeDaysOnArrival: 9 },
        GRADES,
      ),
    ).toEqual([
      'pricePerUnit',
      'maxPricePerUnit',
      'grade',
      'deliverBy',
      'minShelfLifeDaysOnArrival',
    ]);
  });
});
