/**
 * The regional price spike rule, pure: an observation is a spike when it is at least
 * `threshold` (0.2: 20 %) above the median of the same region and commodity's observations of the
 * 28 days before it, with at least `minHistory` of them (a median of one day is no baseline). A
 * spike is told once: an observation that follows a spike of the same series (the series' previous
 * observation was a spike) continues that spike and is not told again.
 */

export interface SpikeRuleOptions {
  threshold: number;
  windowDays: number;
  minHistory: number;
}

export const DEFAULT_SPIKE_RULE: SpikeRuleOptions = {
  threshold: 0.2,
  windowDays: 28,
  minHistory: 3,
};

export interface SeriesPoint {
  /** YYYY-MM-DD. */
  observedOn: string;
  pricePerUnit: number;
  /** Already judged a spike (stored); for new points, filled in by judgeSeries. */
  spike: boolean;
}

export interface SpikeVerdict {
  observedOn: string;
  pricePerUnit: number;
  medianPerUnit: number;
  /** A spike (at or above the threshold). */
  spike: boolean;
  /** The first observation of a spike: the one to tell. */
  notify: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * Judges the new points of one series (region x commodity) against the whole series, in date
 * order, so that a batch holding four weeks then a spike judges the spike on the batch's own
 * history. `existing` are the stored points (their spike flags as stored).
 */
export function judgeSeries(
  existing: readonly SeriesPoint[],
  fresh: readonly { observedOn: string; pricePerUnit: number }[],
  options: SpikeRuleOptions = DEFAULT_SPIKE_RULE,
): SpikeVerdict[] {
  const freshDays = new Set(fresh.map((p) => p.observedOn));
  const series: (SeriesPoint & { fresh: boolean })[] = [
    ...existing.filter((p) => !freshDays.has(p.observedOn)).map((p) => ({ ...p, fresh: false })),
    ...fresh.map((p) => ({ ...p, spike: false, fresh: true })),
  ].sort((a, b) => (a.observedOn < b.observedOn ? -1 : a.observedOn > b.observedOn ? 1 : 0));

  const verdicts: SpikeVerdict[] = [];
  series.forEach((point, i) => {
    if (!point.fresh) return;
    const day = dayNumber(point.observedOn);
    const window = series
      .slice(0, i)
      .filter((p) => day - dayNumber(p.observedOn) <= options.windowDays);
    if (window.length < options.minHistory) {
      verdicts.push({ ...point, medianPerUnit: 0, spike: false, notify: false });
      return;
    }
    const baseline = median(window.map((p) => p.pricePerUnit));
    point.spike = point.pricePerUnit >= baseline * (1 + options.threshold);
    const previous = series[i - 1];
    verdicts.push({
      observedOn: point.observedOn,
      pricePerUnit: point.pricePerUnit,
      medianPerUnit: baseline,
      spike: point.spike,
      notify: point.spike && !(previous?.spike ?? false),
    });
  });
  return verdicts;
}
