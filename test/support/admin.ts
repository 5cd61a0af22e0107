import { Administrators } from '../../src/admin/administrators.service';
import type { TestApi } from './app';
import { OrgType, Party, registerParty } from './factories';

/**
 * A registered party holding the administrator role, granted by the same code as
 * `npm run admin -- grant` (tests of the command line itself run the script).
 */
export async function registerAdministrator(api: TestApi): Promise<Party> {
  const party = await registerParty(api.http, { type: 'trader' });
  await api.app
    .get(Administrators)
    .grant(party.user.email, { userId: null, label: 'command line (test setup)' });
  return party;
}

/** Verifies an organization the way the platform does: an administrator through the API. */
export async function verifyOrganization(
  api: TestApi,
  admin: Party,
  organizationId: string,
  note = 'Dokumen diperiksa',
): Promise<void> {
  await api.http
    .post(`/api/v1/admin/organizations/${organizationId}/verify`)
    .set(admin.auth)
    .send({ note })
    .expect(200);
}

/** Registers an organization and has an administrator verify it. */
export async function registerVerifiedParty(
  api: TestApi,
  admin: Party,
  overrides: { type?: OrgType; regionCode?: string; name?: string } = {},
): Promise<Party> {
  const party = await registerParty(api.http, overrides);
  await verifyOrganization(api, admin, party.organization.id);
  return party;
}
