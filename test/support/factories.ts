import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { sharedMailSink } from './mail-sink';

export type OrgType = 'cooperative' | 'procurement' | 'trader' | 'government';

export interface Party {
  token: string;
  /** Added with sessions: POST /auth/refresh trades it for a new pair. */
  refreshToken: string;
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

/**
 * Registers an organization with its first user, verifies the email the real way (the link's
 * token read from the test SMTP sink, POST /auth/verify-email) unless `verified: false`, and
 * returns a ready-to-use bearer header.
 */
export async function registerParty(
  http: TestAgent,
  overrides: {
    type?: OrgType;
    regionCode?: string;
    name?: string;
    contact?: ContactOverrides;
    verified?: boolean;
  } = {},
): Promise<Party> {
  const { verified = true, ...registration } = overrides;
  const res = await http
    .post('/api/v1/auth/register')
    .send(aRegistration(registration))
    .expect(201);
  const body = res.body as {
    accessToken: string;
    refreshToken: string;
    organization: Party['organization'];
    user: Party['user'];
  };
  if (verified) await verifyEmail(http, body.user.email);
  return {
    token: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
    organization: body.organization,
    user: body.user,
  };
}

/** Follows the newest verification link emailed to `email` (as its owner would). */
export async function verifyEmail(http: TestAgent, email: string): Promise<void> {
  const token = await (await sharedMailSink()).tokenFor(email, 'verify-email');
  await http.post('/api/v1/auth/verify-email').send({ token }).expect(200);
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

/**
 * The founding lot as the lane tests use it: a Malang cooperative's 1,000 kg of chili and a Batam
 * food office's request for 900 kg with a day of shelf life left, posted through the API.
 */
export async function postMalangBatamLot(http: TestAgent) {
  const coop = await registerParty(http, { type: 'cooperative', regionCode: '35.07' });
  const buyer = await registerParty(http, { type: 'procurement', regionCode: '21.71' });
  const listing = (
    await http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ quantity: 1000 }))
      .expect(201)
  ).body as { id: string };
  const request = (
    await http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .send(aRequest({ quantity: 900, minShelfLifeDaysOnArrival: 1 }))
      .expect(201)
  ).body as { id: string };
  return { coop, buyer, listing, request };
}
