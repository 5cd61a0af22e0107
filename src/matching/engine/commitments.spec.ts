import { solveWithCommitments } from './commitments';
import type { CommodityMarket, EngineAgreement } from './engine.types';
import {
  aListing,
  aRequest,
  BATAM,
  CHILI,
  MALANG,
  NOW,
  referenceNetwork,
} from './testing/market.factory';

const JAKARTA = '31.71';

describe('committed volumes as soft targets', () => {
  const network = referenceNetwork();
  const context = { network, now: NOW };
  // Malang supply; Jakarta pays more than Batam, so without the agreement Batam gets nothing.
  const market: CommodityMarket = {
    commodityCode: 'cabai_merah_keriting',
    shelfLife: CHILI,
    listings: [aListing({ id: 'malang', remainingQuantity: 2000, pricePerUnit: 30_000 })],
    requests: [
      aRequest({ id: 'batam', remainingQuantity: 1500, maxPricePerUnit: 60_000 }),
      aRequest({
        id: 'jakarta',
        remainingQuantity: 2000,
        maxPricePerUnit: 90_000,
        destinationRegionCode: JAKARTA,
      }),
    ],
  };
  const agreement = (overrides: Partial<EngineAgreement> = {}): EngineAgreement => ({
    id: 'malang-batam',
    regionCodes: [MALANG, BATAM],
    bonusPerUnit: 0,
    commitment: { remainingQuantity: 600, shortfallPenaltyPerUnit: 60_000 },
    ...overrides,
  });
  const toBatam = (result: ReturnType<typeof solveWithCommitments>) =>
    result.allocations
      .filter((a) => a.requestId === 'batam')
      .reduce((sum, a) => sum + a.quantity, 0);

  it('gives Batam nothing without a commitment, and exactly the committed volume with one', () => {
    expect(toBatam(solveWithCommitments(market, context, []))).toBe(0);
    const result = solveWithCommitments(market, context, [agreement()]);
    expect(toBatam(result)).toBe(600);
    expect(result.commitments).toEqual([
      expect.objectContaining({
        agreementId: 'malang-batam',
        target: 600,
        allocated: 600,
        shortfall: 0,
      }),
    ]);
  });

  it('uses the smallest priority that meets the target, and keeps it out of the gain people see', () => {
    const result = solveWithCommitments(market, context, [agreement()]);
    const priority = result.commitments![0].priorityPerUnit;
    expect(priority).toBeGreaterThan(0);
    expect(priority).toBeLessThan(60_000);
    const batam = result.allocations.find((a) => a.requestId === 'batam')!;
    expect(batam.arc.bonusPerUnit).toBe(priority);
    expect(batam.arc.gainPerUnit - batam.arc.bonusPerUnit).toBe(
      60_000 - batam.arc.landedCostPerUnit,
    );
    // One rupiah less and Jakarta's higher price wins the units back.
    const weaker = solveWithCommitments(market, context, [
      agreement({ bonusPerUnit: priority - 1, commitment: null }),
    ]);
    expect(toBatam(weaker)).toBeLessThan(600);
  });

  it('reports the shortfall when the market cannot carry the whole target', () => {
    const result = solveWithCommitments(market, context, [
      agreement({ commitment: { remainingQuantity: 5000, shortfallPenaltyPerUnit: 60_000 } }),
    ]);
    expect(toBatam(result)).toBe(1500); // all Batam asks for
    expect(result.commitments![0]).toMatchObject({
      target: 5000,
      allocated: 1500,
      shortfall: 3500,
    });
  });

  it('covers only listings priced inside the agreement price band', () => {
    const result = solveWithCommitments(market, context, [
      agreement({ priceCeilingPerUnit: 25_000 }),
    ]);
    expect(toBatam(result)).toBe(0);
    expect(result.commitments![0]).toMatchObject({ allocated: 0, shortfall: 600 });
    const inside = solveWithCommitments(market, context, [
      agreement({ priceFloorPerUnit: 25_000, priceCeilingPerUnit: 35_000 }),
    ]);
    expect(toBatam(inside)).toBe(600);
  });
});
