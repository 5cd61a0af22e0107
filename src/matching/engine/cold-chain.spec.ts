import { loadNetworkData } from '../../logistics/testing/reference-csv.loader';
import { TransportNetwork } from '../../logistics/transport-network';
import type { CommodityShelfLife, FeasibleArc, PairEvaluation } from './engine.types';
import { evaluatePair } from './feasibility';
import { shelfLeftDays, shelfModel } from './pair-rules';
import { solveMarket } from './solve-market';
import {
  aListing,
  aRequest,
  BATAM,
  CHILI,
  DAY,
  MALANG,
  NOW,
  referenceNetwork,
  SURABAYA,
} from './testing/market.factory';

/** Fresh short mackerel (commodities-id.csv): 1 day ambient, 5 days iced, chilled all the way. */
const FISH: CommodityShelfLife = {
  shelfLifeDaysAmbient: 1,
  shelfLifeDaysCold: 5,
  coldChainRequired: true,
  category: 'fishery',
};

const HOUR = DAY / 24;

/** The reference network, with Batu Ampar (Batam's port) given reefer plugs or not. */
function networkWithBatuAmparPlugs(plugs: boolean): TransportNetwork {
  const data = loadNetworkData();
  return TransportNetwork.fromData({
    ...data,
    hubHandling: (data.hubHandling ?? []).map((row) =>
      row.hub === 'port-batu-ampar' ? { ...row, coldStore: plugs } : row,
    ),
  });
}

function feasible(evaluation: PairEvaluation): FeasibleArc {
  if (!evaluation.feasible) throw new Error(`infeasible: ${evaluation.reason.message}`);
  return evaluation.arc;
}

describe('the cold chain per leg', () => {
  it('uses ambient life for the hours out of the cold and cold life for the rest (by hand)', () => {
    // Chili, 3 days ambient and 14 cold, harvested at departure; 2 days in transit.
    const shelf = shelfModel(CHILI);
    // All cold: 2/14 of the life used, 3 x 12/14 = 2.5714... ambient days left.
    expect(shelfLeftDays(NOW, 2 * DAY, 0, NOW, shelf)).toBeCloseTo(36 / 14, 12);
    // 6 hours of it out of the cold: 0.25/3 + 1.75/14 = 0.2083... used, 3 x 0.7916... = 2.375.
    expect(shelfLeftDays(NOW, 2 * DAY, 6 * HOUR, NOW, shelf)).toBeCloseTo(2.375, 12);
    // All ambient: 2/3 used, 1 day left.
    expect(shelfLeftDays(NOW, 2 * DAY, 2 * DAY, NOW, shelf)).toBeCloseTo(1, 12);
  });

  it('a reefer box left unplugged at a port breaks the chain and leaves fewer days than a full chain', () => {
    // 30 t of chili go Malang - Batam in reefer containers via Tanjung Perak (reefer plugs on
    // its yard) to Batu Ampar, whose 4 hours of handling (hub-handling-id.csv) are cold only if
    // it has plugs.
    const lot = aListing({ remainingQuantity: 30_000 });
    const request = aRequest({ minShelfLifeDaysOnArrival: 1.5 });
    const full = feasible(
      evaluatePair(lot, request, CHILI, { network: networkWithBatuAmparPlugs(true), now: NOW }),
    );
    const broken = feasible(
      evaluatePair(lot, request, CHILI, { network: networkWithBatuAmparPlugs(false), now: NOW }),
    );
    expect([full.transportLabel, broken.transportLabel]).toEqual(['sea-reefer', 'sea-reefer']);
    expect(full.transitDays).toBe(broken.transitDays);
    expect(full).toMatchObject({
      coldChain: 'full',
      ambientTransitHours: 0,
      coldChainBreakShelfDays: 0,
    });
    expect(broken).toMatchObject({ coldChain: 'broken', ambientTransitHours: 4 });
    expect(broken.route.map((leg) => leg.ambientHours)).toEqual(
      full.route.map((leg) => (leg.kind === 'sea' ? 4 : 0)),
    );
    // By hand: the full chain uses T/14 of the life, the broken one (T - 4 h)/14 + 4 h/3; the
    // 4 hours cost 4/24 x (1/3 - 1/14) x 3 = 4/24 x 11/14 = 0.131 ambient day.
    const t = full.transitDays;
    const a = 4 / 24;
    expect(full.shelfLifeDaysOnArrival).toBeCloseTo(3 * (1 - t / 14), 2);
    expect(broken.shelfLifeDaysOnArrival).toBeCloseTo(3 * (1 - (t - a) / 14 - a / 3), 2);
    expect(broken.coldChainBreakShelfDays).toBe(0.13);
    expect(full.shelfLifeDaysOnArrival - broken.shelfLifeDaysOnArrival).toBeCloseTo(
      (a * 11) / 14,
      1,
    );
  });

  it('an ambient option uses ambient life door to door and breaks no chain', () => {
    const air = feasible(
      evaluatePair(aListing(), aRequest(), CHILI, { network: referenceNetwork(), now: NOW }),
    );
    expect(air.transportLabel).toBe('air');
    expect(air.coldChain).toBe('none');
    expect(air.ambientTransitHours).toBeCloseTo(air.transitDays * 24, 1);
    expect(air.coldChainBreakShelfDays).toBe(0);
    expect(air.shelfLifeDaysOnArrival).toBeCloseTo(3 - air.transitDays, 2);
  });
});

describe("a buyer's cold storage", () => {
  const context = () => ({ network: referenceNetwork(), now: NOW });

  it('checks the minimum shelf life against chilled days for a buyer who declares cold storage', () => {
    // Chili by air from Malang keeps under 3 ambient days: 5 days is out of reach ambient, but
    // the same fraction of the 14 chilled days is over 8.
    const ambientBuyer = evaluatePair(
      aListing(),
      aRequest({ minShelfLifeDaysOnArrival: 5 }),
      CHILI,
      context(),
    );
    expect(ambientBuyer.feasible).toBe(false);
    if (!ambientBuyer.feasible) expect(ambientBuyer.reason.code).toBe('shelf_life_too_short');
    const coldBuyer = feasible(
      evaluatePair(
        aListing(),
        aRequest({ minShelfLifeDaysOnArrival: 5, coldStorage: true }),
        CHILI,
        context(),
      ),
    );
    expect(coldBuyer.shelfLifeDaysOnArrival).toBeLessThan(3);
    expect(coldBuyer.chilledShelfLifeDaysOnArrival).toBeGreaterThanOrEqual(5);
    expect(coldBuyer.chilledShelfLifeDaysOnArrival).toBeCloseTo(
      (coldBuyer.shelfLifeDaysOnArrival * 14) / 3,
      1,
    );
  });

  it('the solver serves the buyer with cold storage and leaves the ambient one, on the same minimum', () => {
    const result = solveMarket({
      commodityCode: 'cabai_merah_keriting',
      shelfLife: CHILI,
      listings: [aListing({ remainingQuantity: 2_000 })],
      requests: [
        aRequest({ id: 'ambient', minShelfLifeDaysOnArrival: 5, maxPricePerUnit: 70_000 }),
        aRequest({ id: 'chilled', minShelfLifeDaysOnArrival: 5, coldStorage: true }),
      ],
      network: referenceNetwork(),
      now: NOW,
    });
    expect(result.allocations.map((a) => a.requestId)).toEqual(['chilled']);
    expect(result.allocations[0].arc.chilledShelfLifeDaysOnArrival).toBeGreaterThanOrEqual(5);
  });
});

describe('meat and fish travel chilled', () => {
  const context = () => ({ network: referenceNetwork(), now: NOW });
  const fishListing = (origin: string) =>
    aListing({ commodityCode: 'ikan_kembung', originRegionCode: origin, pricePerUnit: 30_000 });
  const fishRequest = (destination: string) =>
    aRequest({
      commodityCode: 'ikan_kembung',
      destinationRegionCode: destination,
      minShelfLifeDaysOnArrival: 0,
    });

  it('fish takes the reefer truck where an ambient truck would be cheaper', () => {
    // At Rp 1,000/kg the reefer's smaller shrink (2 % against 4 %) saves less than its freight
    // costs more, so only the rule keeps the fish off the ambient truck.
    const fishListing = (origin: string) =>
      aListing({ commodityCode: 'ikan_kembung', originRegionCode: origin, pricePerUnit: 1_000 });
    const chilled = feasible(
      evaluatePair(fishListing(SURABAYA), fishRequest(MALANG), FISH, context()),
    );
    expect(chilled.transportLabel).toBe('road-reefer');
    expect(chilled.coldChain).toBe('full');
    expect(chilled.route.every((leg) => leg.reefer === true && leg.ambientHours === 0)).toBe(true);
    // The same fish without the rule would go on the cheaper ambient truck: the rule decides.
    const unruled = feasible(
      evaluatePair(
        fishListing(SURABAYA),
        fishRequest(MALANG),
        { ...FISH, coldChainRequired: false },
        context(),
      ),
    );
    expect(unruled.transportLabel).toBe('road');
    expect(unruled.transportCostPerUnit).toBeLessThan(chilled.transportCostPerUnit);
  });

  it('fish has no ambient route: Malang to Batam offers only ambient or broken chains, so none', () => {
    const evaluation = evaluatePair(fishListing(MALANG), fishRequest(BATAM), FISH, context());
    expect(evaluation.feasible).toBe(false);
    if (evaluation.feasible) return;
    expect(evaluation.reason).toMatchObject({ rule: 'shelf_life', code: 'needs_cold_chain' });
    // And no option of that lane is cold door to door.
    const options = referenceNetwork().options(MALANG, BATAM, 1_000);
    expect(options.length).toBeGreaterThan(0);
    expect(options.some((o) => o.coldChain === 'full')).toBe(false);
  });

  it('the solver allocates fish only over full cold chains', () => {
    const result = solveMarket({
      commodityCode: 'ikan_kembung',
      shelfLife: FISH,
      listings: [fishListing(SURABAYA), { ...fishListing(MALANG), id: 'malang' }],
      requests: [
        { ...fishRequest(MALANG), id: 'to-malang' },
        { ...fishRequest(BATAM), id: 'to-batam' },
      ],
      network: referenceNetwork(),
      now: NOW,
    });
    expect(result.allocations.length).toBeGreaterThan(0);
    expect(result.allocations.every((a) => a.arc.coldChain === 'full')).toBe(true);
    expect(result.allocations.some((a) => a.requestId === 'to-batam')).toBe(false);
  });
});
