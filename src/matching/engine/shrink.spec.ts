import type { CommodityShelfLife, FeasibleArc, PairEvaluation } from './engine.types';
import { loadNetworkData, readReferenceCsv } from '../../logistics/testing/reference-csv.loader';
import { evaluatePair } from './feasibility';
import { RouteTable } from './route-table';
import { aListing, aRequest, NOW, referenceNetwork, SURABAYA } from './testing/market.factory';

/**
 * Shrink per commodity category and transport option (src/reference/data/shrink-id.csv, a
 * source per row): the landed cost adds the goods lost on the way, and that loss is rice's by
 * sea, not the 10 % the per-mode table gave every commodity.
 */
const RICE: CommodityShelfLife = {
  shelfLifeDaysAmbient: 180,
  shelfLifeDaysCold: 365,
  category: 'grain',
  grades: ['premium', 'medium'],
};
const RICE_WITHOUT_CATEGORY: CommodityShelfLife = { ...RICE, category: undefined };
const CHILI_HORTICULTURE: CommodityShelfLife = {
  shelfLifeDaysAmbient: 3,
  shelfLifeDaysCold: 14,
  category: 'horticulture',
  grades: ['super', 'I', 'II'],
};

function feasible(evaluation: PairEvaluation): FeasibleArc {
  if (!evaluation.feasible) throw new Error(JSON.stringify(evaluation.reason));
  return evaluation.arc;
}

/** Five tonnes of medium rice at Rp 13,709/kg from Surabaya to Batam: it goes by sea. */
const riceToBatam = (shelfLife: CommodityShelfLife) =>
  feasible(
    evaluatePair(
      aListing({ pricePerUnit: 13_709, originRegionCode: SURABAYA, remainingQuantity: 5_000 }),
      aRequest({ maxPricePerUnit: 25_000, remainingQuantity: 5_000 }),
      shelfLife,
      { network: referenceNetwork(), now: NOW },
    ),
  );

describe('shrink per commodity and transport option', () => {
  it('reads the table: rice loses 1.2 % by sea and 0.9 % by road, chili 7 % by sea and 2 % in a reefer truck', () => {
    const network = referenceNetwork();
    expect(network.shrinkOf('grain', 'sea')).toBe(0.012);
    expect(network.shrinkOf('grain', 'road')).toBe(0.009);
    expect(network.shrinkOf('horticulture', 'sea')).toBe(0.07);
    expect(network.shrinkOf('horticulture', 'road-reefer')).toBe(0.02);
    // Without a category (or a row) the mode's default of transport-modes.csv applies.
    expect(network.shrinkOf(undefined, 'sea')).toBe(0.1);
    expect(network.shrinkOf('no-such-category', 'air')).toBe(0.04);
  });

  it('has a sourced row for every commodity category and every option the network offers', () => {
    const data = loadNetworkData();
    const categories = new Set(readReferenceCsv('commodities-id.csv').map((row) => row.category));
    for (const category of categories) {
      for (const label of ['road', 'road-reefer', 'sea', 'sea-reefer', 'air'] as const) {
        expect({
          category,
          label,
          rows: data.shrink!.filter((r) => r.category === category && r.label === label).length,
        }).toEqual({ category, label, rows: 1 });
      }
    }
    for (const row of readReferenceCsv('shrink-id.csv')) {
      // A measured figure cites its public source; anything else is labelled an estimate.
      expect(['measured', 'estimate']).toContain(row.basis);
      if (row.basis === 'measured') expect(row.source).toMatch(/https?:\/\//);
      expect(row.source.length).toBeGreaterThan(5);
    }
  });

  it('no longer adds Rp 1,500/kg of lost rice to a sea leg: Rp 167 at 1.2 %', () => {
    const rice = riceToBatam(RICE);
    expect(rice.transportMode).toBe('sea');
    expect(rice.shrinkRate).toBe(0.012);
    // ceil(13,709 / 0.988) = 13,876: Rp 167/kg of rice lost on the way.
    expect(rice.shrinkPerUnit).toBe(167);
    expect(rice.landedCostPerUnit).toBe(13_876 + rice.transportCostPerUnit);
    // The old per-mode table (10 % by sea) still applies without a category: Rp 1,524/kg.
    const old = riceToBatam(RICE_WITHOUT_CATEGORY);
    expect(old.transportMode).toBe('sea');
    expect(old.shrinkPerUnit).toBe(1_524);
  });

  it('prices chili by air at horticulture`s 5 % and keeps the route tables of two categories apart', () => {
    const chili = feasible(
      evaluatePair(aListing(), aRequest(), CHILI_HORTICULTURE, {
        network: referenceNetwork(),
        now: NOW,
      }),
    );
    expect(chili.transportLabel).toBe('air');
    expect(chili.shrinkRate).toBe(0.05);
    // 30,000 / 0.95 = 31,578.9..., rounded up.
    expect(chili.landedCostPerUnit).toBe(31_579 + chili.transportCostPerUnit);
    const network = referenceNetwork();
    expect(RouteTable.of(network, 'grain')).toBe(RouteTable.of(network, 'grain'));
    expect(RouteTable.of(network, 'grain')).not.toBe(RouteTable.of(network, 'horticulture'));
    expect(RouteTable.of(network, 'grain').maxShrinkPpm).toBe(12_000);
    expect(RouteTable.of(network, 'horticulture').maxShrinkPpm).toBe(70_000);
  });
});
