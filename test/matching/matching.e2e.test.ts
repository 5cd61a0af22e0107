import { MatchingService } from '../../src/matching/matching.service';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';
import { clearMarket, useRationing } from '../support/market';
import { waitFor } from '../support/wait';

interface MatchBody {
  id: string;
  quantity: number;
  status: string;
  transportMode: string;
  gainPerUnit: number | null;
  [key: string]: unknown;
}

describe('matching (e2e, API and worker)', () => {
  let api: TestApi;
  let coop: Party;
  let batam: Party;

  const matchesOf = async (party: Party, query: Record<string, string>): Promise<MatchBody[]> =>
    (await api.http.get('/api/v1/matches').query(query).set(party.auth).expect(200)).body.items;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    // Chili shares shortages fairly by default (#12); these tests follow the gain alone (first
    // come keeps its proposal): test/matching/rationing.e2e.test.ts covers the fair policy.
    await useRationing(api.app, 'cabai_merah_keriting', 'max-gain');
    coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
  });
  afterAll(() => api.close());

  it('proposes a 5 t Malang lot to Batam in a reefer container, splits it between two requests, and supersedes on withdrawal', async () => {
    const listing = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ quantity: 5000, grade: 'I', pricePerUnit: 32000 }))
        .expect(201)
    ).body;
    const first = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(
          aRequest({
            quantity: 3000,
            minGrade: 'II',
            maxPricePerUnit: 60000,
            deliverBy: daysFromNow(10),
          }),
        )
        .expect(201)
    ).body;

    const [proposal] = await waitFor(
      async () => {
        const items = await matchesOf(batam, { demandRequestId: first.id, status: 'proposed' });
        return items.length > 0 && items;
      },
      { what: 'a proposal for the first request' },
    );
    expect(proposal).toMatchObject({
      supplyListingId: listing.id,
      demandRequestId: first.id,
      commodityCode: 'cabai_merah_keriting',
      // 3,000 kg must arrive: 3,093 kg leave (3 % shrink of chili in a reefer container, shrink-id.csv).
      quantityDelivered: 3000,
      quantity: 3093,
      pricePerUnit: 32000,
      transportMode: 'sea-reefer',
      status: 'proposed',
      supplierDecision: 'pending',
      buyerDecision: 'pending',
      role: 'buyer',
      agreementId: null,
    });
    // Every explanation field, consistent with the rules of the design.
    const days =
      (Date.parse(proposal.arrivalDate as string) - Date.parse(proposal.departureDate as string)) /
      86_400_000;
    // Longer than chili's 3 ambient days: only the cold chain makes it (a whole 20 ft reefer
    // box for the 5 t lot, cheaper per kg than flying it).
    expect(days).toBeGreaterThan(3);
    expect(days).toBeLessThan(10);
    const seaLeg = (proposal.route as { kind: string; freightClass?: string }[]).find(
      (l) => l.kind === 'sea',
    );
    expect(seaLeg?.freightClass).toMatch(/20 ft reefer/);
    expect(proposal.distanceKm).toBeGreaterThan(1300);
    expect(proposal.shelfLifeDaysOnArrival).toBeGreaterThanOrEqual(1);
    expect(proposal.landedCostPerUnit).toBe(
      Math.ceil(32000 / (1 - 0.03) + (proposal.transportCostPerUnit as number)),
    );
    expect(proposal.gainPerUnit).toBe(60000 - (proposal.landedCostPerUnit as number));
    expect(Date.parse(proposal.arrivalDate as string)).toBeLessThanOrEqual(
      Date.parse(first.deliverBy),
    );

    // The supplier sees the same proposal, without the buyer's gain (it reveals the maximum price).
    const supplierView = (
      await api.http.get(`/api/v1/matches/${proposal.id}`).set(coop.auth).expect(200)
    ).body;
    expect(supplierView).toMatchObject({ id: proposal.id, role: 'supplier', gainPerUnit: null });

    const second = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(aRequest({ quantity: 4000, minGrade: 'II', maxPricePerUnit: 60000 }))
        .expect(201)
    ).body;
    const [secondProposal] = await waitFor(
      async () => {
        const items = await matchesOf(batam, { demandRequestId: second.id, status: 'proposed' });
        return items.length > 0 && items;
      },
      { what: 'a proposal for the second request' },
    );
    // The listing's capacity counts chili's largest shrink (7 %): 4,650 kg can arrive, 3,000 are
    // promised, so 1,650 kg more are delivered from 1,702 kg shipped (3 % lost in the reefer box):
    // never more shipped than listed. Its freight is still costed at the listing's 5 t lot.
    expect(secondProposal).toMatchObject({ quantityDelivered: 1650, quantity: 1702 });
    // Stability: the first proposal was not touched by the second run.
    const stillFirst = await matchesOf(batam, { demandRequestId: first.id, status: 'proposed' });
    expect(stillFirst.map((m) => [m.id, m.quantity])).toEqual([[proposal.id, 3093]]);

    await api.http
      .post(`/api/v1/supply-listings/${listing.id}/withdraw`)
      .set(coop.auth)
      .expect(200);
    await waitFor(
      async () => {
        const items = await matchesOf(coop, { supplyListingId: listing.id });
        return items.length === 2 && items.every((m) => m.status === 'superseded') && items;
      },
      { what: 'both proposals superseded' },
    );
  });

  it('writes nothing and emits nothing when the market has not changed', async () => {
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'bawang_merah', grade: 'I', pricePerUnit: 20000 }))
      .expect(201);
    await api.http
      .post('/api/v1/demand-requests')
      .set(batam.auth)
      .send(aRequest({ commodityCode: 'bawang_merah', minGrade: 'II', maxPricePerUnit: 60000 }))
      .expect(201);
    await waitFor(
      async () =>
        (await matchesOf(batam, { commodityCode: 'bawang_merah', status: 'proposed' })).length ===
        1,
      {
        what: 'the shallot proposal',
      },
    );
    const matching = api.app.get(MatchingService);
    const snapshot = async () =>
      (
        await api.dataSource.query(
          `SELECT (SELECT count(*) FROM outbox_events)::int AS events,
                (SELECT count(*) FROM matches)::int AS matches,
                (SELECT max(updated_at) FROM matches) AS touched`,
        )
      )[0];
    await matching.reoptimize('bawang_merah'); // let any in-flight run settle first
    const before = await snapshot();
    const first = await matching.reoptimize('bawang_merah');
    const second = await matching.reoptimize('bawang_merah');
    expect(first).toMatchObject({ proposed: 0, superseded: 0, kept: 1 });
    expect(second).toEqual({
      ...first,
      engineMs: second!.engineMs,
      loadMs: second!.loadMs,
      writeMs: second!.writeMs,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('explains why a request priced below the cheapest landed cost gets no proposal', async () => {
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(
        aListing({
          commodityCode: 'cabai_rawit_merah',
          grade: 'super',
          pricePerUnit: 40000,
          quantity: 2000,
        }),
      )
      .expect(201);
    const cheap = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(
          aRequest({
            commodityCode: 'cabai_rawit_merah',
            minGrade: 'I',
            maxPricePerUnit: 30000,
            quantity: 500,
          }),
        )
        .expect(201)
    ).body;
    // Let the run for this commodity happen, then check that it proposed nothing.
    await api.app.get(MatchingService).reoptimize('cabai_rawit_merah');
    expect(await matchesOf(batam, { demandRequestId: cheap.id })).toEqual([]);

    const candidates = (
      await api.http
        .get(`/api/v1/demand-requests/${cheap.id}/candidates`)
        .set(batam.auth)
        .expect(200)
    ).body;
    expect(candidates.items).toHaveLength(1);
    const [why] = candidates.items;
    expect(why).toMatchObject({
      feasible: false,
      rule: 'price',
      regionCode: '35.07',
      pricePerUnit: 40000,
      proposedMatchId: null,
    });
    expect(why.message).toMatch(/cheapest landed cost Rp [\d,]+ by air; your maximum is Rp 30,000/);
    expect(why.wouldTake).toMatch(/maximum price of at least Rp [\d,]+/);
    expect(JSON.stringify(candidates)).not.toContain(coop.organization.id);
    // Another organization may not ask.
    await api.http.get(`/api/v1/demand-requests/${cheap.id}/candidates`).set(coop.auth).expect(404);
  });
});
