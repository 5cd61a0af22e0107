import type { OrganizationType } from './organization.entity';

/** Who is calling: resolved from the bearer token and re-checked against the database. */
export interface Principal {
  userId: string;
  organizationId: string;
  organizationType: OrganizationType;
  regionCode: string;
}
