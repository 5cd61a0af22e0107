import { weekStartSql } from './balance-week';

/**
 * What each listing, request and match adds to the balance, as SQL over the base tables: the one
 * definition both the projector (for a few sources) and the rebuild (for all) use, so that an
 * aggregate kept current by events equals one rebuilt from scratch.
 *
 * - supply posted: a listing's quantity in its origin region, in the week of `availableFrom`;
 *   a withdrawn listing keeps only what was sold before it was withdrawn (quantity - remaining).
 * - demand posted: a request's quantity in its destination region, in the week it is wanted
 *   from (`deliverFrom`, else `deliverBy`): a standing order's Sunday slot, deliverable until
 *   Tuesday, is Sunday's demand; a withdrawn request (a cancelled slot) keeps what was bought.
 * - proposed: open proposals (nobody, or one side, accepted); confirmed: trades not cancelled nor
 *   failed; delivered: trades delivered or completed. `_out` in the origin region, in the week of
 *   departure, in units shipped; `_in` in the destination region, in the week of arrival, in units
 *   expected on arrival (delivered: the quantity the buyer recorded as received).
 * - flows: origin -> destination at both levels, in the week of arrival (destination's zone).
 * Every region cell exists at its own level and at its province's.
 *
 * `filter` restricts the sources: `$1` listing ids, `$2` request ids, `$3` match ids (uuid[]).
 */
export type SourceFilter = 'all' | 'given';

const LEVELS = `CROSS JOIN LATERAL (VALUES
    (r.code, CASE WHEN r.type = 'province' THEN 'province' ELSE 'regency' END),
    (r.province_code, 'province')) AS lv(code, level)`;

const LIVE_TRADE = `(m.status = 'confirmed' AND t.status NOT IN ('cancelled', 'failed'))`;
const DONE_TRADE = `(m.status = 'confirmed' AND t.status IN ('delivered', 'completed'))`;
const PROPOSED = `m.status = 'proposed'`;

export const REGION_MEASURES = [
  'supply_posted',
  'demand_posted',
  'proposed_in',
  'proposed_out',
  'confirmed_in',
  'confirmed_out',
  'delivered_in',
  'delivered_out',
] as const;
export const FLOW_MEASURES = ['proposed', 'confirmed', 'delivered'] as const;

const nonZero = (columns: readonly string[]) => columns.map((c) => `sum(${c}) <> 0`).join(' OR ');

export function regionContributionsSql(filter: SourceFilter): string {
  const where = (column: string, param: string) =>
    filter === 'all' ? 'TRUE' : `${column} = ANY(${param}::uuid[])`;
  const sums = REGION_MEASURES.map((c) => `sum(p.${c})::bigint AS ${c}`).join(', ');
  return `
    WITH parts (source_id, place, commodity_code, week_start, ${REGION_MEASURES.join(', ')}) AS (
      SELECT l.id, l.origin_region_code, l.commodity_code,
             ${weekStartSql('l.available_from', 'l.origin_region_code')},
             CASE WHEN l.status = 'withdrawn' THEN l.quantity - l.remaining_quantity
                  ELSE l.quantity END, 0, 0, 0, 0, 0, 0, 0
        FROM supply_listings l WHERE ${where('l.id', '$1')}
      UNION ALL
      SELECT d.id, d.destination_region_code, d.commodity_code,
             ${weekStartSql('COALESCE(d.deliver_from, d.deliver_by)', 'd.destination_region_code')},
             0, CASE WHEN d.status = 'withdrawn' THEN d.quantity - d.remaining_quantity
                     ELSE d.quantity END, 0, 0, 0, 0, 0, 0
        FROM demand_requests d WHERE ${where('d.id', '$2')}
      UNION ALL
      SELECT m.id, l.origin_region_code, m.commodity_code,
             ${weekStartSql('COALESCE(t.departure_date, m.departure_date)', 'l.origin_region_code')},
             0, 0, 0, CASE WHEN ${PROPOSED} THEN m.quantity ELSE 0 END,
             0, CASE WHEN ${LIVE_TRADE} THEN t.quantity ELSE 0 END,
             0, CASE WHEN ${DONE_TRADE} THEN t.quantity ELSE 0 END
        FROM matches m
        JOIN supply_listings l ON l.id = m.supply_listing_id
        LEFT JOIN trades t ON t.match_id = m.id
       WHERE m.status IN ('proposed', 'confirmed') AND ${where('m.id', '$3')}
      UNION ALL
      SELECT m.id, d.destination_region_code, m.commodity_code,
             ${weekStartSql('COALESCE(t.arrival_date, m.arrival_date)', 'd.destination_region_code')},
             0, 0, CASE WHEN ${PROPOSED} THEN m.quantity_delivered ELSE 0 END, 0,
             CASE WHEN ${LIVE_TRADE} THEN t.quantity_delivered ELSE 0 END, 0,
             CASE WHEN ${DONE_TRADE} THEN COALESCE(t.received_quantity, t.quantity_delivered)
                  ELSE 0 END, 0
        FROM matches m
        JOIN demand_requests d ON d.id = m.demand_request_id
        LEFT JOIN trades t ON t.match_id = m.id
       WHERE m.status IN ('proposed', 'confirmed') AND ${where('m.id', '$3')}
    )
    SELECT p.source_id, lv.code AS region_code, p.commodity_code, p.week_start,
           lv.level, ${sums}
      FROM parts p
      JOIN regions r ON r.code = p.place
      ${LEVELS}
     WHERE lv.code IS NOT NULL
     GROUP BY p.source_id, lv.code, p.commodity_code, p.week_start, lv.level
    HAVING ${nonZero(REGION_MEASURES.map((c) => `p.${c}`))}`;
}

export function flowContributionsSql(filter: SourceFilter): string {
  const where = filter === 'all' ? 'TRUE' : `m.id = ANY($1::uuid[])`;
  return `
    SELECT m.id AS source_id, lv.origin_code, lv.destination_code, m.commodity_code,
           ${weekStartSql('COALESCE(t.arrival_date, m.arrival_date)', 'd.destination_region_code')} AS week_start,
           lv.level,
           sum(f_proposed)::bigint AS proposed, sum(f_confirmed)::bigint AS confirmed,
           sum(f_delivered)::bigint AS delivered
      FROM matches m
      JOIN supply_listings l ON l.id = m.supply_listing_id
      JOIN demand_requests d ON d.id = m.demand_request_id
      JOIN regions ro ON ro.code = l.origin_region_code
      JOIN regions rd ON rd.code = d.destination_region_code
      LEFT JOIN trades t ON t.match_id = m.id
      CROSS JOIN LATERAL (SELECT
        CASE WHEN ${PROPOSED} THEN m.quantity_delivered ELSE 0 END AS f_proposed,
        CASE WHEN ${LIVE_TRADE} THEN t.quantity_delivered ELSE 0 END AS f_confirmed,
        CASE WHEN ${DONE_TRADE} THEN COALESCE(t.received_quantity, t.quantity_delivered)
             ELSE 0 END AS f_delivered) AS q
      CROSS JOIN LATERAL (VALUES
        ('regency', CASE WHEN ro.type <> 'province' THEN ro.code END,
                    CASE WHEN rd.type <> 'province' THEN rd.code END),
        ('province', COALESCE(ro.province_code, ro.code), COALESCE(rd.province_code, rd.code))
      ) AS lv(level, origin_code, destination_code)
     WHERE m.status IN ('proposed', 'confirmed') AND ${where}
       AND lv.origin_code IS NOT NULL AND lv.destination_code IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING ${nonZero(FLOW_MEASURES.map((c) => `f_${c}`))}`;
}
