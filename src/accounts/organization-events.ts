import type { VerificationStatus } from './organization.entity';

/** Events about an organization's trust, written to the outbox with the change that causes them. */
export const ORGANIZATION_EVENTS = {
  /** An administrator verified the organization: it is told in its inbox (and webhooks). */
  verified: 'organization.verified',
  /** An administrator rejected (or withdrew) its verification, with a note saying why. */
  rejected: 'organization.rejected',
  /**
   * One per commodity in which the organization's trust changes which pairs may match (its
   * verification, or its verified-counterparts-only choice): the commodity is re-optimised.
   */
  matchingChanged: 'organization.matching_changed',
} as const;

export interface VerificationDecidedData extends Record<string, unknown> {
  organizationId: string;
  verificationStatus: VerificationStatus;
  note: string | null;
}

export interface MatchingChangedData extends Record<string, unknown> {
  commodityCode: string;
  organizationId: string;
  reason: 'verification' | 'verified_counterparts_only';
}

/**
 * The commodities whose matching an organization's trust can change: those of its open listings
 * and requests, and of the agreements it recorded that are in force (a government whose
 * verification is withdrawn stops steering the market).
 */
export const COMMODITIES_OF_ORGANIZATION_SQL = `
  SELECT commodity_code FROM supply_listings WHERE organization_id = $1 AND status = 'open'
  UNION
  SELECT commodity_code FROM demand_requests WHERE organization_id = $1 AND status = 'open'
  UNION
  SELECT unnest(commodity_codes) FROM agreements WHERE organization_id = $1 AND valid_until >= now()
  ORDER BY 1`;
