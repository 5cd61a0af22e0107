import type { Schemas } from '../../api/client';
import type { Language } from '../../format';
import { toTonnes } from './quantities';
import { weekLabel, weekTick, type Week } from './weeks';

export type BalanceRow = Schemas['BalanceRowView'];
export type FlowRow = Schemas['BalanceFlowView'];

/** One week of one commodity in one region, as the charts and their table show it (tonnes). */
export interface BalancePoint {
  week: string;
  /** "Minggu 48, 23–29 Nov", for the table */
  label: string;
  /** "23 Nov", for the chart's axis */
  tick: string;
  supply: number;
  demand: number;
  surplus: number;
  proposedIn: number;
  confirmedIn: number;
  deliveredIn: number;
  proposedOut: number;
  confirmedOut: number;
  deliveredOut: number;
}

export const BALANCE_FIGURES = [
  'supply',
  'demand',
  'surplus',
  'proposedIn',
  'confirmedIn',
  'deliveredIn',
  'proposedOut',
  'confirmedOut',
  'deliveredOut',
] as const;

/**
 * Every week of the range in order, a week without a row at zero: the API drops empty cells,
 * but a chart that skipped them would draw two distant weeks side by side.
 */
export function balancePoints(
  rows: BalanceRow[],
  weeks: Week[],
  weekWord: string,
  language: Language,
): BalancePoint[] {
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return weeks.map(({ week, weekStart }) => {
    const r = byWeek.get(week);
    return {
      week,
      label: weekLabel(weekStart, weekWord, language),
      tick: weekTick(weekStart, language),
      supply: toTonnes(r?.supplyPosted ?? 0),
      demand: toTonnes(r?.demandPosted ?? 0),
      surplus: toTonnes(r?.surplus ?? 0),
      proposedIn: toTonnes(r?.proposedIn ?? 0),
      confirmedIn: toTonnes(r?.confirmedIn ?? 0),
      deliveredIn: toTonnes(r?.deliveredIn ?? 0),
      proposedOut: toTonnes(r?.proposedOut ?? 0),
      confirmedOut: toTonnes(r?.confirmedOut ?? 0),
      deliveredOut: toTonnes(r?.deliveredOut ?? 0),
    };
  });
}

/** The sums over the range that the summary sentence (the charts' short text) states. */
export function balanceTotals(points: BalancePoint[]) {
  const sum = (f: (p: BalancePoint) => number) =>
    // Sum in kg (integers) and convert once: adding tonnes would drift (0.1 + 0.2).
    points.reduce((total, p) => total + Math.round(f(p) * 1000), 0) / 1000;
  return {
    supply: sum((p) => p.supply),
    demand: sum((p) => p.demand),
    surplus: sum((p) => p.surplus),
    confirmedIn: sum((p) => p.confirmedIn),
    confirmedOut: sum((p) => p.confirmedOut),
  };
}

export type FlowDirection = 'in' | 'out' | 'within';

/** Whether a flow arrives in the region, leaves it, or stays within it. */
export function flowDirection(flow: FlowRow, regionCode: string): FlowDirection {
  const covers = (code: string) => code === regionCode || code.startsWith(`${regionCode}.`);
  if (covers(flow.originCode) && covers(flow.destinationCode)) return 'within';
  return covers(flow.destinationCode) ? 'in' : 'out';
}
