import type { Schemas } from '../../api/client';
import type { Language } from '../../format';
import { toTonnes } from './quantities';
import { weekLabel, weekTick } from './weeks';

export type AgreementPeriod = Schemas['AgreementPeriodView'];

export interface FulfilmentPoint {
  periodStart: string;
  label: string;
  tick: string;
  committed: number;
  proposed: number;
  confirmed: number;
  delivered: number;
  behind: boolean;
}

/**
 * `delivered` is the agreed quantity of trades since delivered (the API's report), not what the
 * buyer recorded as received (the balance's `deliveredIn`): labelled "Terkirim", not "Diterima",
 * so that a short delivery showing 2,5 t here and 2,4 t in the balance reads as two things.
 */
export const FULFILMENT_FIGURES = ['committed', 'proposed', 'confirmed', 'delivered'] as const;

/**
 * One commodity's periods in order, in tonnes. A period behind schedule carries a mark in its
 * label ("⚠"), so that the chart shows it without colour alone (colour-blind readers, print).
 */
export function fulfilmentPoints(
  periods: AgreementPeriod[],
  commodityCode: string,
  weekWord: string,
  language: Language,
): FulfilmentPoint[] {
  return periods
    .filter((p) => p.commodityCode === commodityCode)
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart))
    .map((p) => ({
      periodStart: p.periodStart,
      label: `${weekLabel(p.periodStart, weekWord, language)}${p.behind ? ' ⚠' : ''}`,
      tick: `${weekTick(p.periodStart, language)}${p.behind ? ' ⚠' : ''}`,
      committed: toTonnes(p.committed),
      proposed: toTonnes(p.proposed),
      confirmed: toTonnes(p.confirmed),
      delivered: toTonnes(p.delivered),
      behind: p.behind,
    }));
}

/** The commodities a report covers, in the order the API gives them. */
export function reportedCommodities(periods: AgreementPeriod[]): string[] {
  return [...new Set(periods.map((p) => p.commodityCode))];
}
