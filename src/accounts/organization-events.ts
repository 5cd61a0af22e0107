/**
 * The commodities whose matching an organization's trust can change: those of its open listings
 * and requests, and of the agreements it recorded that are in force (a government whose
 * verification is withdrawn stops steering the market). Its events are in `events/event-catalog.ts`.
 */
export const COMMODITIES_OF_ORGANIZATION_SQL = `
  SELECT commodity_code FROM supply_listings WHERE organization_id = $1 AND status = 'open'
  UNION
  SELECT commodity_code FROM demand_requests WHERE organization_id = $1 AND status = 'open'
  UNION
  SELECT unnest(commodity_codes) FROM agreements WHERE organization_id = $1 AND valid_until >= now()
  ORDER BY 1`;
