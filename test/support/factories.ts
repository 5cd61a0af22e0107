import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';

export type OrgType = 'cooperative' | 'procurement' | 'trader' | 'government';

export interface Party {
  token: string;
  auth: { Authorization: string };
  organization: { id: string; name: string; type: OrgType; regionCode: string };
  user: { id: string; email: string };
}

const DAY = 24 * 3600 * 1000;
export const daysFromNow = (days: number): string =>
  new Date(Date.now() + days * DAY).toISOString();

/** The organization's contact for counterparts (all optional at registration). */
export interface ContactOverrides {
  contactName?: string;
  phone?: string;
  email?: string;
}

export function aRegistration(
  overrides: {
    type?: OrgType;
    regionCode?: string;
    name?: string;
    contact?: ContactOverrides;
  } = {},
) {
  const unique = randomUUID().slice(0, 8);
  return {
    organization: {
      name: overrides.name ?? `Org ${unique}`,
      type: overrides.type ?? 'cooperative',
      regionCode: overrides.regionCode ?? '35.07',
      ...overrides.contact,
    },
    user: {
      email: `user-${unique}@example.id`,
      password: 'correct horse battery',
      name: `User ${unique}`,
    },
  };
}

/** Registers an organization with its first user and returns a ready-to-use bearer header. */
export async function registerParty(
  http: TestAgent,
  overrides: {
    type?: OrgType;
    regionCode?: string;
    name?: string;
    contact?: ContactOverrides;
  } = {},
): Promise<Party> {
  const res = await http.post('/api/v1/auth/register').send(aRegistration(overrides)).expect(201);
  const body = res.body as {
    accessToken: string;
    organization: Party['organization'];
    user: Party['user'];
  };
  return {
    token: body.accessToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
    organization: body.organization,
    user: body.user,
  };
}

/** Kabupaten Malang chili, as in the founding story. */
export function aListing(overrides: Record<string, unknown> = {}) {
  return {
    commodityCode: 'cabai_merah_keriting',
    grade: 'I',
    quantity: 5000,
    pricePerUnit: 32000,
    originRegionCode: '35.07',
    availableFrom: daysFromNow(0),
    availableUntil: daysFromNow(5),
    notes: 'Panen minggu ini',
    ...overrides,
  };
}

/** Kota Batam procurement of the same chili. */
export function aRequest(overrides: Record<string, unknown> = {}) {
  return {
    commodityCode: 'cabai_merah_keriting',
    minGrade: 'II',
    quantity: 3000,
    maxPricePerUnit: 60000,
    destinationRegionCode: '21.71',
    deliverBy: daysFromNow(10),
    ...overrides,
  };
}
