import { MatchingService } from '../../src/matching/matching.service';
import { registerAdministrator, registerVerifiedParty } from '../support/admin';
import { startApi, TestApi } from '../support/app';
import type { Party } from '../support/factories';
import { aListing, aRequest, daysFromNow, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';

describe('inter-regional agreements (e2e)', () => {
  let api: TestApi;
  let admin: Party;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    admin = await registerAdministrator(api);
  });
  afterAll(() => api.close());

  const agreement = (overrides: Record<string, unknown> = {}) => ({
    title: 'Kerja sama Kabupaten Malang - Kota Batam',
    regionCodes: ['35.07', '21.71'],
    commodityCodes: ['cabai_rawit_hijau'],
    validFrom: daysFromNow(-1),
    validUntil: daysFromNow(365),
    priorityBonusPerUnit: 2500,
    ...overrides,
  });

  it('lets a verified government of one of the two regions record an agreement, and nobody else', async () => {
    const government = (regionCode: string) =>
      registerVerifiedParty(api, admin, { type: 'government', regionCode });
    const malangGov = await government('35.07');
    const eastJavaGov = await government('35');
    const baliGov = await government('51');
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });

    const created = await api.http
      .post('/api/v1/agreements')
      .set(malangGov.auth)
      .send(agreement())
      .expect(201);
    expect(created.body).toMatchObject({
      regionCodes: ['21.71', '35.07'],
      priorityBonusPerUnit: 2500,
    });
    await api.http
      .post('/api/v1/agreements')
      .set(eastJavaGov.auth)
      .send(agreement({ priorityBonusPerUnit: 1000 }))
      .expect(201);
    const foreign = await api.http
      .post('/api/v1/agreements')
      .set(baliGov.auth)
      .send(agreement())
      .expect(403);
    expect(foreign.body.code).toBe('FORBIDDEN');
    await api.http.post('/api/v1/agreements').set(coop.auth).send(agreement()).expect(403);

    const bad = await api.http
      .post('/api/v1/agreements')
      .set(malangGov.auth)
      .send(
        agreement({ regionCodes: ['35.07'], commodityCodes: ['durian'], priorityBonusPerUnit: -1 }),
      )
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['regionCodes', 'priorityBonusPerUnit']),
    );
    const unknown = await api.http
      .post('/api/v1/agreements')
      .set(malangGov.auth)
      .send(agreement({ commodityCodes: ['durian_montong'] }))
      .expect(400);
    expect(unknown.body.details[0].field).toBe('commodityCodes.0');

    const listed = await api.http
      .get('/api/v1/agreements?regionCode=21.71&commodityCode=cabai_rawit_hijau&active=true')
      .set(coop.auth)
      .expect(200);
    expect(listed.body.items).toHaveLength(2);
  });

  it('shows the bonus of an agreement in force beside the gain, never inside it', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'cabai_rawit_hijau', grade: 'I', pricePerUnit: 30000 }))
      .expect(201);
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(
          aRequest({ commodityCode: 'cabai_rawit_hijau', minGrade: 'II', maxPricePerUnit: 60000 }),
        )
        .expect(201)
    ).body;
    await api.app.get(MatchingService).reoptimize('cabai_rawit_hijau');
    const [match] = (
      await api.http
        .get(`/api/v1/matches?demandRequestId=${request.id}`)
        .set(batam.auth)
        .expect(200)
    ).body.items;
    expect(match.agreementId).toEqual(expect.any(String));
    expect(match.gainPerUnit).toBe(60000 - match.landedCostPerUnit);
    expect(match.agreementBonusPerUnit).toBe(2500);
  });

  it('stops steering the market once its government is no longer verified', async () => {
    const gov = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '21.71',
    });
    await api.http
      .post('/api/v1/agreements')
      .set(gov.auth)
      .send(agreement({ commodityCodes: ['cabai_rawit_merah'], priorityBonusPerUnit: 3000 }))
      .expect(201);
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'cabai_rawit_merah' }))
      .expect(201);
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(aRequest({ commodityCode: 'cabai_rawit_merah' }))
        .expect(201)
    ).body;
    const proposal = async () =>
      (
        await api.http
          .get(`/api/v1/matches?demandRequestId=${request.id}&status=proposed`)
          .set(batam.auth)
          .expect(200)
      ).body.items[0] as { id: string; agreementId: string | null; agreementBonusPerUnit: number };
    const matching = api.app.get(MatchingService);
    await matching.reoptimize('cabai_rawit_merah');
    const ranked = await proposal();
    expect(ranked.agreementBonusPerUnit).toBe(3000);

    await api.http
      .post(`/api/v1/admin/organizations/${gov.organization.id}/reject`)
      .set(admin.auth)
      .send({ note: 'SK kepala daerah tidak sah' })
      .expect(200);
    await matching.reoptimize('cabai_rawit_merah');
    const plain = await proposal();
    expect(plain.id).not.toBe(ranked.id);
    expect(plain).toMatchObject({ agreementId: null, agreementBonusPerUnit: 0 });
  });
});
