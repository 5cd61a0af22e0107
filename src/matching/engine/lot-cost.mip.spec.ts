import { loadNetworkData } from '../../logistics/testing/reference-csv.loader';
import { TransportNetwork } from '../../logistics/transport-network';
import { SimplexEngine } from './simplex-engine';
import {
  gainUnderLotCost,
  lotCost,
  lotCostOptimum,
  lotCostPartsOf,
  type LotCostArc,
  type LotCostPart,
} from './testing/lot-cost-mip';

// Two truck classes shaped like truck-classes-id.csv's pick-up and engkel at their minimum trip
// (Rp 350,000 for 1 t, Rp 600,000 for 3 t): short trips pay the minimum, whatever the km.
const shortTrip: LotCostPart = {
  kind: 'trucks',
  classes: [
    { capacityKg: 1_000, tripIdr: 350_000 },
    { capacityKg: 3_000, tripIdr: 600_000 },
  ],
};

describe('lot-dependent freight (the yardstick for the engine)', () => {
  it('prices a shipment by whole trucks, minimum charges and full containers', () => {
    // 4 t: one engkel and one pick-up (950,000) beat two engkels (1,200,000) or four pick-ups.
    expect(lotCost([shortTrip], 4_000)).toBe(950_000);
    expect(lotCost([shortTrip], 1)).toBe(350_000);
    expect(lotCost([shortTrip], 0)).toBe(0);
    // Air: 10 kg minimum chargeable weight at Rp 19,000 plus the Rp 25,000 document fee.
    const air: LotCostPart = { kind: 'charged', idrPerKg: 19_000, minKg: 10, fixedIdr: 25_000 };
    expect(lotCost([air], 5)).toBe(215_000);
    expect(lotCost([air], 100)).toBe(1_925_000);
    // Sea: 20 ft at Rp 18.5 M, LCL Rp 2,300/kg with a 250 kg minimum.
    const sea: LotCostPart = {
      kind: 'containers',
      payloadKg: 20_000,
      boxIdr: 18_500_000,
      lcl: { idrPerKg: 2_300, minKg: 250 },
    };
    expect(lotCost([sea], 100)).toBe(575_000);
    expect(lotCost([sea], 10_000)).toBe(18_500_000);
    expect(lotCost([sea], 25_000)).toBe(18_500_000 + 5_000 * 2_300);
    expect(lotCost([sea, { kind: 'per-kg', idrPerKg: 300 }], 100)).toBe(575_000 + 30_000);
  });

  it('measures the gap of the linear engine exactly on two small lots that each pay a truck', async () => {
    // One listing of 2 t; buyer 0 wants 2 t at Rp 1,000/kg over the landed price, buyer 1 wants
    // 1 t at Rp 1,050/kg. The engine costs both arcs per kg at the listing's 2 t lot: one engkel,
    // Rp 300/kg. It then prefers buyer 1 (750 > 700 per kg) and splits the lot: two shipments
    // of 1 t, each a pick-up at its Rp 350,000 minimum trip: true gain 650,000 + 700,000.
    // The exact optimum sends the whole 2 t to buyer 0 in one engkel: 2,000,000 - 600,000.
    const supply = [2_000];
    const demand = [2_000, 1_000];
    const arcs: LotCostArc[] = [
      { from: 0, to: 0, valuePerUnit: 1_000, parts: [shortTrip] },
      { from: 0, to: 1, valuePerUnit: 1_050, parts: [shortTrip] },
    ];
    const lotRate = lotCost([shortTrip], 2_000) / 2_000;
    expect(lotRate).toBe(300);
    const engine = SimplexEngine.solve({
      supply: Float64Array.from(supply),
      demand: Float64Array.from(demand),
      arcFrom: Int32Array.from(arcs.map((a) => a.from)),
      arcTo: Int32Array.from(arcs.map((a) => a.to)),
      arcGain: Float64Array.from(arcs.map((a) => a.valuePerUnit - lotRate)),
      arcCount: arcs.length,
    });
    const flow = [0, 0];
    for (let a = 0; a < engine.arcCount; a++) {
      if (!engine.isTradeArc(a)) continue;
      flow[engine.arcTo(a) - 1 - supply.length] += engine.arcFlow(a);
    }
    expect(flow).toEqual([1_000, 1_000]);
    expect(engine.objective()).toBe(1_450_000); // what the engine believes
    const engineTrue = gainUnderLotCost(arcs, flow);
    expect(engineTrue).toBe(1_350_000);

    const exact = await lotCostOptimum(supply, demand, arcs);
    expect(exact.status).toBe('Optimal');
    expect(exact.flow).toEqual([2_000, 0]);
    expect(exact.objective).toBe(1_400_000);
    expect((exact.objective - engineTrue) / exact.objective).toBeCloseTo(50_000 / 1_400_000, 12);
  });

  it('finds the full-container optimum that a brute force over the lot finds', async () => {
    // Rp 2,000/kg of value: LCL (Rp 2,300/kg) never pays, a full box (Rp 925/kg) does.
    const sea: LotCostPart = {
      kind: 'containers',
      payloadKg: 20_000,
      boxIdr: 18_500_000,
      lcl: { idrPerKg: 2_300, minKg: 250 },
    };
    const arcs: LotCostArc[] = [{ from: 0, to: 0, valuePerUnit: 2_000, parts: [sea] }];
    let best = 0;
    for (let q = 0; q <= 25_000; q += 10) best = Math.max(best, gainUnderLotCost(arcs, [q]));
    const exact = await lotCostOptimum([25_000], [30_000], arcs);
    expect(best).toBe(21_500_000);
    expect(exact.objective).toBe(best);
    expect(exact.flow).toEqual([20_000]);
  });

  it('prices a real route from the rows the network prices it with', () => {
    const data = loadNetworkData();
    const network = TransportNetwork.fromData(data);
    // Malang to Batam at the 3 t band: every option, rebuilt from truck classes, ferry fares,
    // services and hub handling, costs what the network says within its rounding (Rp 1/kg per
    // leg) and the km read back from hours rounded to 0.1 h (a reefer fuso's 2 km are Rp 18,000
    // of Rp 37.7 M); a mixed fleet may only be cheaper.
    const options = network.options('35.07', '21.71', 3_000);
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) {
      expect(option.lotKg).toBe(3_000);
      const rebuilt = lotCost(lotCostPartsOf(option, data), 3_000);
      const network = option.costPerUnit * 3_000;
      expect(rebuilt).toBeLessThanOrEqual(1.001 * network + option.legs.length * 3_000);
      expect(rebuilt).toBeGreaterThan(0.97 * network);
    }
  });
});
