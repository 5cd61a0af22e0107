import type { EntityManager } from 'typeorm';
import type { AgreementPeriodView } from './agreement.dto';
import type { Agreement } from './agreement.entity';

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** WIB is UTC+7 all year (no daylight saving): a week starts Monday 00:00 WIB. */
const WIB_MS = 7 * 3600 * 1000;

/** The start of the ISO week (Monday 00:00 WIB) containing an instant. */
export function periodStart(instant: Date): Date {
  const local = instant.getTime() + WIB_MS;
  const day = new Date(local).getUTCDay(); // 0 = Sunday
  const sinceMonday = ((day + 6) % 7) * 24 * 3600 * 1000 + (local % (24 * 3600 * 1000));
  return new Date(instant.getTime() - sinceMonday);
}

/**
 * Whether a period is behind at `now`: what is confirmed is below the committed volume pro rata
 * of the time elapsed in the period (all of it once the period is over). A week asked to deliver
 * 20 t is behind on Thursday noon with less than 10 t confirmed.
 */
export function isBehind(committed: number, confirmed: number, start: Date, now: Date): boolean {
  const elapsed = Math.min(1, Math.max(0, (now.getTime() - start.getTime()) / WEEK_MS));
  return confirmed < Math.floor(committed * elapsed);
}

interface PeriodRow {
  period: Date;
  commodity_code: string;
  proposed: string;
  confirmed: string;
  delivered: string;
}

/**
 * The fulfilment of an agreement per period and committed (or traded) commodity, in one query.
 * A proposal and its trade count in the period the proposal was made: that is when the engine
 * spent the period's priority on it.
 */
export async function agreementPeriods(
  manager: EntityManager,
  agreement: Agreement,
  from: Date,
  until: Date,
  now: Date,
): Promise<AgreementPeriodView[]> {
  const rows = await manager.query<PeriodRow[]>(
    `SELECT date_trunc('week', m.created_at AT TIME ZONE 'Asia/Jakarta') AT TIME ZONE 'Asia/Jakarta' AS period,
            m.commodity_code,
            COALESCE(sum(m.quantity_delivered) FILTER (WHERE m.status = 'proposed'), 0) AS proposed,
            COALESCE(sum(t.quantity_delivered)
                       FILTER (WHERE t.status NOT IN ('cancelled', 'failed')), 0) AS confirmed,
            -- Delivered is what the buyer recorded as received (the agreed quantity where it
            -- recorded none), so a short delivery shows as short in the report.
            COALESCE(sum(COALESCE(t.received_quantity, t.quantity_delivered))
                       FILTER (WHERE t.status IN ('delivered', 'completed')), 0) AS delivered
       FROM matches m LEFT JOIN trades t ON t.match_id = m.id
      WHERE m.agreement_id = $1 AND m.status IN ('proposed', 'confirmed')
        AND m.created_at >= $2 AND m.created_at < $3
      GROUP BY 1, 2`,
    [agreement.id, periodStart(from), new Date(periodStart(until).getTime() + WEEK_MS)],
  );
  const byKey = new Map(
    rows.map((r) => [`${new Date(r.period).getTime()}|${r.commodity_code}`, r] as const),
  );
  const committedOf = new Map(
    agreement.commitments.map((c) => [c.commodityCode, c.quantityPerPeriod]),
  );
  const commodities = [
    ...new Set([
      ...agreement.commitments.map((c) => c.commodityCode),
      ...rows.map((r) => r.commodity_code),
    ]),
  ].sort();
  const views: AgreementPeriodView[] = [];
  for (let start = periodStart(from); start <= until; start = new Date(start.getTime() + WEEK_MS)) {
    for (const commodityCode of commodities) {
      const row = byKey.get(`${start.getTime()}|${commodityCode}`);
      const committed = committedOf.get(commodityCode) ?? 0;
      const confirmed = Number(row?.confirmed ?? 0);
      views.push({
        periodStart: new Date(start.getTime() + WIB_MS).toISOString().slice(0, 10),
        commodityCode,
        committed,
        proposed: Number(row?.proposed ?? 0),
        confirmed,
        delivered: Number(row?.delivered ?? 0),
        behind: isBehind(committed, confirmed, start, now),
      });
    }
  }
  return views;
}
