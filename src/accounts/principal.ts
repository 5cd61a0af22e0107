import type { OrganizationType } from './organization.entity';
import type { OrganizationRole } from './user.entity';

/** Who is calling: resolved from the bearer token and re-checked against the database. */
export interface Principal {
  userId: string;
  organizationId: string;
  organizationType: OrganizationType;
  regionCode: string;
  /** The session the access token belongs to (logout and password change act on it). */
  sessionId: string;
  emailVerified: boolean;
  organizationRole: OrganizationRole;
}
