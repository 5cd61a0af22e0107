import { engineListing, engineRequest } from './engine-inputs';

const trust = { organizationVerified: true, verifiedCounterpartsOnly: false };
const grades = ['super', 'a', 'b'];
const from = new Date('2026-12-01T00:00:00Z');
const until = new Date('2026-12-05T00:00:00Z');

const listing = {
  id: 'l1',
  organizationId: 'o1',
  commodityCode: 'cabai_merah_keriting',
  grade: 'a',
  remainingQuantity: 1000,
  minOrderQuantity: null,
  pricePerUnit: 30000,
  originRegionCode: '35.07',
  availableFrom: from,
  availableUntil: until,
  harvestedAt: null,
};

const request = {
  id: 'r1',
  organizationId: 'o2',
  commodityCode: 'cabai_merah_keriting',
  minGrade: 'b',
  remainingQuantity: 800,
  maxPricePerUnit: 45000,
  destinationRegionCode: '21.71',
  deliverFrom: null,
  deliverBy: until,
  minShelfLifeDaysOnArrival: 2,
};

describe('engine inputs', () => {
  it('maps a listing with its grade rank, held quantity and harvest date', () => {
    const input = engineListing(listing, grades, trust, 300);
    expect(input).toMatchObject({
      id: 'l1',
      gradeRank: 1,
      remainingQuantity: 700,
      minOrderQuantity: 0,
      availableFrom: from.getTime(),
      availableUntil: until.getTime(),
      // No harvest date: as fresh as the window's start.
      harvestedAt: from.getTime(),
      organizationVerified: true,
      organizationId: 'o1',
    });
    expect(engineListing({ ...listing, grade: null }, grades, trust).gradeRank).toBe(0);
    expect(engineListing(listing, grades, trust).remainingQuantity).toBe(1000);
  });

  it('maps a request with its minimum grade rank and window', () => {
    const input = engineRequest(request, grades, trust, 100);
    expect(input).toMatchObject({
      id: 'r1',
      minGradeRank: 2,
      remainingQuantity: 700,
      deliverFrom: null,
      deliverBy: until.getTime(),
      minShelfLifeDaysOnArrival: 2,
      organizationId: 'o2',
    });
    expect(engineRequest({ ...request, deliverFrom: from }, grades, trust).deliverFrom).toBe(
      from.getTime(),
    );
  });
});
