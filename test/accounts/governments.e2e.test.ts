import { registerAdministrator, registerVerifiedParty } from '../support/admin';
import { startApi, TestApi } from '../support/app';
import { Party, registerParty } from '../support/factories';

describe('GET /organizations/governments: naming the other side of an agreement (e2e)', () => {
  let api: TestApi;
  let admin: Party;

  beforeAll(async () => {
    api = await startApi('api');
    admin = await registerAdministrator(api);
  });
  afterAll(() => api.close());

  const governments = async (party: Party, regionCode: string) =>
    (
      await api.http
        .get(`/api/v1/organizations/governments?regionCode=${regionCode}`)
        .set(party.auth)
        .expect(200)
    ).body as { id: string; name: string; regionCode: string }[];

  it("lists a region's verified governments and its province's, never unverified ones or other types", async () => {
    const malang = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '35.07',
      name: 'Dinas Ketahanan Pangan Kabupaten Malang',
    });
    const jatim = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '35',
      name: 'Dinas Ketahanan Pangan Provinsi Jawa Timur',
    });
    const unverified = await registerParty(api.http, { type: 'government', regionCode: '35.07' });
    const coop = await registerVerifiedParty(api, admin, {
      type: 'cooperative',
      regionCode: '35.07',
    });
    const kotaMalang = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '35.73',
    });
    const batam = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '21.71',
    });

    const found = await governments(batam, '35.07');
    const ids = found.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([malang.organization.id, jatim.organization.id]));
    expect(ids).not.toContain(unverified.organization.id);
    expect(ids).not.toContain(coop.organization.id);
    expect(ids).not.toContain(kotaMalang.organization.id);
    // Only what a counterpart needs: no contact details.
    expect(found.find((g) => g.id === malang.organization.id)).toEqual({
      id: malang.organization.id,
      name: 'Dinas Ketahanan Pangan Kabupaten Malang',
      regionCode: '35.07',
    });
    // A province lists its own government, not its regencies'.
    expect((await governments(batam, '35')).map((g) => g.id)).toEqual(
      expect.not.arrayContaining([malang.organization.id]),
    );

    // The id it gives is one POST /agreements accepts as the counterpart.
    await api.http
      .post('/api/v1/agreements')
      .set(batam.auth)
      .send({
        regionCodes: ['21.71', '35.07'],
        commodityCodes: ['cabai_merah_keriting'],
        validFrom: new Date().toISOString(),
        validUntil: new Date(Date.now() + 90 * 24 * 3600_000).toISOString(),
        priorityBonusPerUnit: 0,
        counterpartOrganizationId: malang.organization.id,
      })
      .expect(201);
  });

  it('refuses an unknown or malformed region with a 400 naming regionCode', async () => {
    const someone = await registerParty(api.http, { type: 'government', regionCode: '21.71' });
    for (const regionCode of ['99.99', 'batam', '']) {
      const res = await api.http
        .get(`/api/v1/organizations/governments?regionCode=${regionCode}`)
        .set(someone.auth)
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['regionCode']);
    }
  });

  it('is for signed-in organizations only', async () => {
    await api.http.get('/api/v1/organizations/governments?regionCode=35.07').expect(401);
  });
});
