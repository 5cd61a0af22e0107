import { MatchingService } from '../../src/matching/matching.service';
import { registerAdministrator, registerVerifiedParty } from '../support/admin';
import { startApi, TestApi, withEnv } from '../support/app';
import {
  aListing,
  aRegistration,
  aRequest,
  daysFromNow,
  registerParty,
} from '../support/factories';
import { clearMarket } from '../support/market';

/** Regressions of issue #9, each reproduced against the code before the fix. */
describe('trust regressions (e2e)', () => {
  let api: TestApi;
  const formerAdmin = aRegistration({ type: 'trader' });

  beforeAll(async () => {
    // The old configuration: whoever registered this address first became administrator.
    api = await withEnv({ ADMIN_EMAILS: formerAdmin.user.email.toUpperCase() }, () =>
      startApi('all'),
    );
    await clearMarket(api.dataSource);
  });
  afterAll(() => api.close());

  it('gives no administrator rights to whoever registers an address once listed in ADMIN_EMAILS', async () => {
    const token = (await api.http.post('/api/v1/auth/register').send(formerAdmin).expect(201)).body
      .accessToken as string;
    await api.http.get(`/admin/queues?access_token=${token}`).expect(404);
    await api.http
      .put('/admin/queues/api/queues/pause')
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
    await api.http
      .get('/api/v1/admin/organizations?verificationStatus=unverified')
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
  });

  const bigBonus = {
    title: 'Kerja sama 10 tahun',
    regionCodes: ['35.07', '21.71'],
    commodityCodes: ['cabai_merah_besar'],
    validFrom: daysFromNow(-1),
    validUntil: daysFromNow(3650),
    priorityBonusPerUnit: 1_000_000,
  };

  it('refuses an agreement recorded by a self-declared, unverified government', async () => {
    const fakeGov = await registerParty(api.http, { type: 'government', regionCode: '35.07' });
    const refused = await api.http
      .post('/api/v1/agreements')
      .set(fakeGov.auth)
      .send(bigBonus)
      .expect(403);
    expect(refused.body.code).toBe('ORGANIZATION_NOT_VERIFIED');
    const listed = await api.http
      .get('/api/v1/agreements?commodityCode=cabai_merah_besar')
      .set(fakeGov.auth)
      .expect(200);
    expect(listed.body.items).toHaveLength(0);
  });

  it('never shows an agreement bonus of Rp 1,000,000/kg as gain', async () => {
    const admin = await registerAdministrator(api);
    const gov = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '35.07',
    });
    await api.http.post('/api/v1/agreements').set(gov.auth).send(bigBonus).expect(201);
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'cabai_merah_besar', pricePerUnit: 30000 }))
      .expect(201);
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(aRequest({ commodityCode: 'cabai_merah_besar', maxPricePerUnit: 80000 }))
        .expect(201)
    ).body;
    await api.app.get(MatchingService).reoptimize('cabai_merah_besar');
    const [match] = (
      await api.http
        .get(`/api/v1/matches?demandRequestId=${request.id}`)
        .set(batam.auth)
        .expect(200)
    ).body.items;
    expect(match.agreementId).toEqual(expect.any(String));
    expect(match.gainPerUnit).toBe(80000 - match.landedCostPerUnit);
    expect(match.gainPerUnit).toBeLessThan(80000);
    expect(match.agreementBonusPerUnit).toBe(1_000_000);
  });
});
