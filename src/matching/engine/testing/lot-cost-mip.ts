import type {
  FerryCrossing,
  HubHandling,
  TransportNetworkData,
  TransportOption,
  TruckClass,
} from '../../../logistics/logistics.types';
import { loadHighs } from './lp-reference';

/**
 * The yardstick for the engine's lot-size approximation (issue #10, point 3): freight that
 * depends on the size of each shipment, written exactly as a MIP for HiGHS.
 *
 * The engine is a min-cost flow with a LINEAR cost per kg on each (listing, request) arc: the
 * route's cost per kg at the lot band of the listing's whole remaining quantity (route-table.ts).
 * An allocation smaller than the lot really pays its own lot's price: whole trucks, whole
 * containers, minimum charges, document fees. Here each arc's shipment is priced by its parts:
 *  - trucks: any mix of truck classes, each truck paying its trip (max(minimum trip, rate x km)
 *    plus the ferry fares of its vehicle class), enough of them to carry the lot;
 *  - charged: max(lot, minimum chargeable kg) x rate + a fixed fee, when anything is shipped
 *    (air cargo: minimum chargeable weight and the SMU document fee);
 *  - containers: whole containers at a box rate, plus an LCL part at a rate per kg with its
 *    minimum when the service takes LCL (either alone where that is cheaper);
 *  - per kg: handling at the hubs.
 * Each (listing, request) allocation is one shipment: nothing is consolidated across arcs.
 */

export interface TruckClassTrip {
  capacityKg: number;
  /** One truck of this class over the chain: trip plus ferry fares, rupiah. */
  tripIdr: number;
}

export type LotCostPart =
  | { kind: 'trucks'; classes: readonly TruckClassTrip[] }
  | { kind: 'charged'; idrPerKg: number; minKg: number; fixedIdr: number }
  | {
      kind: 'containers';
      payloadKg: number;
      /** Per container; null when the service carries no full containers for this lot. */
      boxIdr: number | null;
      /** LCL (or general cargo) rate and minimum; null when not offered. */
      lcl: { idrPerKg: number; minKg: number } | null;
    }
  | { kind: 'per-kg'; idrPerKg: number };

export interface LotCostArc {
  from: number;
  to: number;
  /** Rupiah per delivered unit before freight: buyer's maximum less the landed asking price. */
  valuePerUnit: number;
  parts: readonly LotCostPart[];
}

/** The cheapest mix of trucks that carries `lotKg` (unbounded knapsack over gcd units). */
function truckCost(classes: readonly TruckClassTrip[], lotKg: number): number {
  if (lotKg <= 0) return 0;
  if (classes.length === 0) return Infinity;
  const unit = classes.reduce((g, c) => gcd(g, Math.round(c.capacityKg)), 0);
  const units = Math.ceil(lotKg / unit - 1e-9);
  const best = new Float64Array(units + 1).fill(Infinity);
  best[0] = 0;
  for (let u = 1; u <= units; u++) {
    for (const c of classes) {
      const rest = Math.max(0, u - Math.round(c.capacityKg) / unit);
      best[u] = Math.min(best[u], c.tripIdr + best[rest]);
    }
  }
  return best[units];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function containerCost(part: Extract<LotCostPart, { kind: 'containers' }>, lotKg: number): number {
  if (lotKg <= 0) return 0;
  const lclCost = (kg: number) =>
    kg <= 0 ? 0 : part.lcl ? Math.max(kg, part.lcl.minKg) * part.lcl.idrPerKg : Infinity;
  if (part.boxIdr === null) return lclCost(lotKg);
  let best = Infinity;
  const maxBoxes = Math.ceil(lotKg / part.payloadKg);
  for (let m = 0; m <= maxBoxes; m++) {
    best = Math.min(best, m * part.boxIdr + lclCost(lotKg - m * part.payloadKg));
  }
  return best;
}

/** The exact freight of one shipment of `lotKg` over these parts (0 for nothing shipped). */
export function lotCost(parts: readonly LotCostPart[], lotKg: number): number {
  if (lotKg <= 0) return 0;
  let total = 0;
  for (const part of parts) {
    switch (part.kind) {
      case 'trucks':
        total += truckCost(part.classes, lotKg);
        break;
      case 'charged':
        total += Math.max(lotKg, part.minKg) * part.idrPerKg + part.fixedIdr;
        break;
      case 'containers':
        total += containerCost(part, lotKg);
        break;
      case 'per-kg':
        total += part.idrPerKg * lotKg;
        break;
    }
  }
  return total;
}

/** Real gain of an allocation (flow per arc, delivered units) under lot-dependent freight. */
export function gainUnderLotCost(arcs: readonly LotCostArc[], flow: readonly number[]): number {
  let gain = 0;
  arcs.forEach((arc, a) => {
    if (flow[a] > 0) gain += arc.valuePerUnit * flow[a] - lotCost(arc.parts, flow[a]);
  });
  return gain;
}

/**
 * The market as a MIP in CPLEX LP format: maximise sum(value x q) - freight, with q the
 * (continuous) delivered units per arc within supply and demand, and per arc and part: integer
 * truck counts per class covering q, a binary "used" with the minimum chargeable weight and
 * fee, integer containers plus an LCL part with its own binary and minimum.
 */
export function lotCostMip(
  supply: readonly number[],
  demand: readonly number[],
  arcs: readonly LotCostArc[],
): string {
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const general: string[] = [];
  const binary: string[] = [];
  const bySupply = supply.map((): string[] => []);
  const byDemand = demand.map((): string[] => []);
  arcs.forEach((arc, a) => {
    const q = `x${a}`;
    bySupply[arc.from].push(q);
    byDemand[arc.to].push(q);
    const upper = Math.min(supply[arc.from], demand[arc.to]);
    bounds.push(` 0 <= ${q} <= ${upper}`);
    let linear = arc.valuePerUnit;
    arc.parts.forEach((part, p) => {
      const v = `${a}_${p}`;
      switch (part.kind) {
        case 'per-kg':
          linear -= part.idrPerKg;
          break;
        case 'trucks': {
          rows.push(` t${v}:`);
          part.classes.forEach((c, k) => {
            objective.push(`  - ${c.tripIdr} n${v}_${k}`);
            rows.push(`  + ${c.capacityKg} n${v}_${k}`);
            general.push(` n${v}_${k}`);
          });
          rows.push(`  - ${q}`, '  >= 0');
          break;
        }
        case 'charged': {
          objective.push(`  - ${part.idrPerKg} w${v}`, `  - ${part.fixedIdr} y${v}`);
          rows.push(` cq${v}:`, `  + w${v}`, `  - ${q}`, '  >= 0');
          rows.push(` cm${v}:`, `  + w${v}`, `  - ${part.minKg} y${v}`, '  >= 0');
          rows.push(` cu${v}:`, `  + ${q}`, `  - ${upper} y${v}`, '  <= 0');
          bounds.push(` w${v} >= 0`);
          binary.push(` y${v}`);
          break;
        }
        case 'containers': {
          rows.push(` k${v}:`);
          if (part.boxIdr !== null) {
            objective.push(`  - ${part.boxIdr} m${v}`);
            rows.push(`  + ${part.payloadKg} m${v}`);
            general.push(` m${v}`);
          }
          if (part.lcl) rows.push(`  + l${v}`);
          rows.push(`  - ${q}`, '  >= 0');
          if (part.lcl) {
            objective.push(`  - ${part.lcl.idrPerKg} wl${v}`);
            rows.push(` lq${v}:`, `  + wl${v}`, `  - l${v}`, '  >= 0');
            rows.push(` lm${v}:`, `  + wl${v}`, `  - ${part.lcl.minKg} z${v}`, '  >= 0');
            rows.push(` lu${v}:`, `  + l${v}`, `  - ${upper} z${v}`, '  <= 0');
            bounds.push(` l${v} >= 0`, ` wl${v} >= 0`);
            binary.push(` z${v}`);
          }
          break;
        }
      }
    });
    objective.push(`  ${linear >= 0 ? '+' : '-'} ${Math.abs(linear)} ${q}`);
  });
  const out: string[] = ['Maximize', ' obj:', ...objective];
  if (arcs.length === 0) out.push('  0 x_empty');
  out.push('Subject To');
  const side = (name: string, terms: string[], cap: number) => {
    if (terms.length === 0) return;
    out.push(` ${name}:`, ...terms.map((t) => `  + ${t}`), `  <= ${cap}`);
  };
  bySupply.forEach((terms, i) => side(`s${i}`, terms, supply[i]));
  byDemand.forEach((terms, j) => side(`d${j}`, terms, demand[j]));
  out.push(...rows, 'Bounds', ...bounds);
  if (arcs.length === 0) out.push(' x_empty = 0');
  if (general.length > 0) out.push('General', ...general);
  if (binary.length > 0) out.push('Binary', ...binary);
  out.push('End');
  return out.join('\n');
}

export interface LotCostOptimum {
  /** Gain of HiGHS's best allocation, re-evaluated exactly by lotCost (not HiGHS's number). */
  objective: number;
  flow: number[];
  /** 'Optimal', or 'Time limit reached' (then the best allocation found, not proven). */
  status: string;
}

export async function lotCostOptimum(
  supply: readonly number[],
  demand: readonly number[],
  arcs: readonly LotCostArc[],
  timeLimitS = 60,
): Promise<LotCostOptimum> {
  const solver = await loadHighs();
  const result = solver.solve(lotCostMip(supply, demand, arcs), {
    output_flag: false,
    time_limit: timeLimitS,
    // HiGHS's default 0.01 %: the gaps are printed to 0.01 % of the gain.
    mip_rel_gap: 1e-4,
  });
  if (result.Status !== 'Optimal' && result.Status !== 'Time limit reached') {
    throw new Error(`HiGHS lot-cost MIP: ${result.Status}`);
  }
  // HiGHS returns 19999.999999999996 for 20,000: its tolerance, not a different allocation.
  const flow = arcs.map(
    (_, a) => Math.round(Math.max(0, result.Columns[`x${a}`]?.Primal ?? 0) * 1e6) / 1e6,
  );
  return { objective: gainUnderLotCost(arcs, flow), flow, status: result.Status };
}

/** Payload of a 20 ft box, as transport-network.ts prices containers (estimates there). */
const CONTAINER_PAYLOAD_KG = 20_000;
const REEFER_CONTAINER_PAYLOAD_KG = 17_000;

/**
 * The lot-cost parts of a route the network chose (an option's legs), from the same rows the
 * network prices it with: truck classes, ferry fares, sea services, air routes, hub handling.
 * Road km are read back from each road leg's hours at the road speed (legs carry hours rounded
 * to 0.1 h, so a chain's km is known to about +-2 km per leg); a local trip (0 km, 2 h) reads as
 * 90 km, below every class's minimum-trip distance, so it still costs the minimum trip.
 */
export function lotCostPartsOf(option: TransportOption, data: TransportNetworkData): LotCostPart[] {
  const speed = data.modes.find((m) => m.mode === 'road')?.speedKmh ?? 45;
  const crossings = new Map((data.ferryCrossings ?? []).map((c) => [c.code, c]));
  const sea = new Map((data.seaServices ?? []).map((s) => [s.code, s]));
  const air = new Map((data.airRoutes ?? []).map((r) => [r.code, r]));
  const handling = new Map((data.hubHandling ?? []).map((h) => [h.hub, h]));
  const hubKind = new Map(data.hubs.map((h) => [h.code, h.kind]));
  const handlingOf = (hub: string): HubHandling | undefined =>
    handling.get(hub) ?? handling.get(`default-${hubKind.get(hub) ?? 'sea_port'}`);
  const trucks = (reefer: boolean) => (data.truckClasses ?? []).filter((t) => t.reefer === reefer);

  const parts: LotCostPart[] = [];
  let chain: { km: number; crossings: string[] } | null = null;
  let reefer = false;
  const closeChain = () => {
    if (!chain) return;
    const c = chain;
    const classes = trucks(reefer).map((t) => ({
      capacityKg: t.capacityKg,
      tripIdr:
        Math.max(t.minTripIdr, t.idrPerKm * c.km) +
        c.crossings.reduce((sum, code) => sum + fareOf(crossings.get(code)!, t), 0),
    }));
    // A class that another carries more for no more money never enters an optimal fleet:
    // dropping it keeps the MIP smaller without changing any cost.
    const useful = classes.filter(
      (k) =>
        !classes.some(
          (o) =>
            o !== k &&
            o.capacityKg >= k.capacityKg &&
            o.tripIdr <= k.tripIdr &&
            (o.capacityKg > k.capacityKg || o.tripIdr < k.tripIdr),
        ),
    );
    parts.push({ kind: 'trucks', classes: useful });
    chain = null;
  };
  for (const leg of option.legs) {
    reefer = leg.reefer ?? option.reefer;
    const crossing = leg.service ? crossings.get(leg.service) : undefined;
    if (leg.kind === 'road' || crossing) {
      chain ??= { km: 0, crossings: [] };
      if (crossing) chain.crossings.push(crossing.code);
      else chain.km += leg.hours * speed;
      continue;
    }
    closeChain();
    const perKg =
      (handlingOf(leg.from)?.handlingIdrPerKg ?? 0) + (handlingOf(leg.to)?.handlingIdrPerKg ?? 0);
    if (perKg > 0) parts.push({ kind: 'per-kg', idrPerKg: perKg });
    const route = leg.service ? air.get(leg.service) : undefined;
    if (route) {
      parts.push({
        kind: 'charged',
        idrPerKg: route.idrPerKg,
        minKg: route.minChargeKg,
        fixedIdr: route.documentFeeIdr,
      });
      continue;
    }
    const service = leg.service ? sea.get(leg.service) : undefined;
    if (!service) throw new Error(`unknown service ${leg.service} on ${option.label}`);
    const containers = service.kind === 'container' && service.rate20ftIdr !== null;
    parts.push({
      kind: 'containers',
      payloadKg: reefer ? REEFER_CONTAINER_PAYLOAD_KG : CONTAINER_PAYLOAD_KG,
      boxIdr: !containers ? null : reefer ? service.rate20ftReeferIdr : service.rate20ftIdr,
      lcl:
        !reefer && (service.lcl || !containers)
          ? { idrPerKg: service.lclIdrPerKg, minKg: service.lclMinKg }
          : null,
    });
  }
  closeChain();
  return parts;
}

function fareOf(crossing: FerryCrossing, truck: TruckClass): number {
  switch (truck.ferryClass) {
    case 'pickup':
      return crossing.farePickupIdr;
    case 'engkel':
      return crossing.fareEngkelIdr;
    case 'fuso':
      return crossing.fareFusoIdr;
    case 'tronton':
      return crossing.fareTrontonIdr;
  }
}
