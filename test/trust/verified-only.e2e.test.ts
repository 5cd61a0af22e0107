import { MatchingService } from '../../src/matching/matching.service';
import { registerAdministrator, verifyOrganization } from '../support/admin';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

describe('verified counterparts only (e2e: API and worker)', () => {
  let api: TestApi;
  let admin: Party;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    admin = await registerAdministrator(api);
  });
  afterAll(() => api.close());

  const matchesOf = async (buyer: Party, requestId: string) =>
    (
      await api.http
        .get(`/api/v1/matches?demandRequestId=${requestId}&status=proposed`)
        .set(buyer.auth)
        .expect(200)
    ).body.items as { supplyListingId: string }[];

  /** An unverified cooperative's listing and a Batam request for the same chili. */
  async function pickyMarket(commodityCode: string) {
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const chosen = await api.http
      .put('/api/v1/organizations/me/matching-preferences')
      .set(buyer.auth)
      .send({ verifiedCounterpartsOnly: true })
      .expect(200);
    expect(chosen.body).toEqual({ verifiedCounterpartsOnly: true, priceCeilingPolicy: 'none' });
    const listing = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ commodityCode }))
        .expect(201)
    ).body;
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(buyer.auth)
        .send(aRequest({ commodityCode }))
        .expect(201)
    ).body;
    // A run of its own, so that "no proposal" is the engine's answer, not a run still to come.
    await api.app.get(MatchingService).reoptimize(commodityCode);
    expect(await matchesOf(buyer, request.id)).toEqual([]);
    return { buyer, coop, listing, request };
  }

  it('proposes an unverified supplier to a buyer that chose verified counterparts only once it is verified', async () => {
    const { buyer, coop, listing, request } = await pickyMarket('cabai_rawit_merah');
    expect(
      (await api.http.get('/api/v1/me').set(buyer.auth).expect(200)).body.organization,
    ).toMatchObject({ verifiedCounterpartsOnly: true });
    const whyNot = await api.http
      .get(`/api/v1/demand-requests/${request.id}/candidates`)
      .set(buyer.auth)
      .expect(200);
    expect(whyNot.body.items).toEqual([
      expect.objectContaining({ counterpartId: listing.id, feasible: false, rule: 'counterpart' }),
    ]);

    // The verification re-optimises the commodity through the worker: the proposal comes.
    await verifyOrganization(api, admin, coop.organization.id);
    const [match] = await waitFor(
      async () => {
        const items = await matchesOf(buyer, request.id);
        return items.length > 0 && items;
      },
      { what: 'a proposal once the supplier is verified' },
    );
    expect(match.supplyListingId).toBe(listing.id);
  });

  it('re-optimises when the buyer changes its mind, and not when nothing changes', async () => {
    const { buyer, listing, request } = await pickyMarket('cabai_merah_besar');
    const events = async () =>
      Number(
        (
          await api.dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM outbox_events WHERE type = 'organization.matching_changed'
              AND aggregate_id = $1`,
            [buyer.organization.id],
          )
        )[0].n,
      );
    const before = await events();
    await api.http
      .put('/api/v1/organizations/me/matching-preferences')
      .set(buyer.auth)
      .send({ verifiedCounterpartsOnly: true })
      .expect(200);
    expect(await events()).toBe(before);

    const bad = await api.http
      .put('/api/v1/organizations/me/matching-preferences')
      .set(buyer.auth)
      .send({ verifiedCounterpartsOnly: 'yes' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('verifiedCounterpartsOnly');

    await api.http
      .put('/api/v1/organizations/me/matching-preferences')
      .set(buyer.auth)
      .send({ verifiedCounterpartsOnly: false })
      .expect(200);
    expect(await events()).toBe(before + 1);
    const [match] = await waitFor(
      async () => {
        const items = await matchesOf(buyer, request.id);
        return items.length > 0 && items;
      },
      { what: 'a proposal once the buyer accepts unverified suppliers' },
    );
    expect(match.supplyListingId).toBe(listing.id);
  });
});
