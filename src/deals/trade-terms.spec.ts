import type { Match } from '../matching/match.entity';
import {
  termsForSupplier,
  tradeTerms,
  type ListingTermsSnapshot,
  type RequestTermsSnapshot,
} from './trade-terms';

const listing: ListingTermsSnapshot = {
  id: 'listing-1',
  grade: 'A',
  pricePerUnit: 30000,
  quantity: 1000,
  minOrderQuantity: 100,
  originRegionCode: '35.07',
  availableFrom: '2026-12-01',
  availableUntil: '2026-12-20',
  harvestedAt: '2026-11-29',
};

const request: RequestTermsSnapshot = {
  id: 'request-1',
  minGrade: 'B',
  quantity: 500,
  maxPricePerUnit: 45000,
  destinationRegionCode: '21.71',
  deliverFrom: null,
  deliverBy: '2026-12-15',
  minShelfLifeDaysOnArrival: 3,
};

// Only the fields a trade's terms are built from; the rest of the entity plays no part.
const match = {
  commodityCode: 'CABAI_MERAH',
  pricePerUnit: 30000,
  quantity: 526,
  quantityDelivered: 500,
  shrinkRate: 0.05,
  transportMode: 'sea',
  route: [{ from: '35.07', to: '21.71', mode: 'sea' }],
  departureDate: new Date('2026-12-02T00:00:00.000Z'),
  arrivalDate: new Date('2026-12-06T00:00:00.000Z'),
  shelfLifeDaysOnArrival: 6,
  distanceKm: 1320,
  transportCostPerUnit: 2500,
  landedCostPerUnit: 34079,
  agreementId: null,
} as unknown as Match;

describe('trade terms', () => {
  it('freezes what was agreed: price, shipped and delivered units, route, dates, landed cost', () => {
    const terms = tradeTerms(match, listing, request, new Date('2026-12-01T08:30:00.000Z'));
    expect(terms).toEqual({
      commodityCode: 'CABAI_MERAH',
      grade: 'A',
      pricePerUnit: 30000,
      quantityShipped: 526,
      quantityDelivered: 500,
      shrinkRate: 0.05,
      transportMode: 'sea',
      route: [{ from: '35.07', to: '21.71', mode: 'sea' }],
      departureDate: '2026-12-02T00:00:00.000Z',
      arrivalDate: '2026-12-06T00:00:00.000Z',
      shelfLifeDaysOnArrival: 6,
      distanceKm: 1320,
      landedCostPerUnit: 34079,
      landedCostBreakdown: {
        pricePerUnit: 30000,
        shrinkPerUnit: 1579,
        transportPerUnit: 2500,
        feesPerUnit: 0,
      },
      agreementId: null,
      confirmedAt: '2026-12-01T08:30:00.000Z',
      listing,
      request,
    });
  });

  it('shows the supplier everything but the buyer’s maximum price', () => {
    const terms = tradeTerms(match, listing, request, new Date('2026-12-01T08:30:00.000Z'));
    const forSupplier = termsForSupplier(terms);
    expect(forSupplier.request).not.toHaveProperty('maxPricePerUnit');
    expect(JSON.stringify(forSupplier)).not.toContain('45000');
    const { maxPricePerUnit: _hidden, ...rest } = request;
    void _hidden;
    expect(forSupplier).toEqual({ ...terms, request: rest });
    // The buyer's own copy is left whole.
    expect(terms.request.maxPricePerUnit).toBe(45000);
  });
});
