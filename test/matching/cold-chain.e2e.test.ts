import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket, useRationing } from '../support/market';
import { waitFor } from '../support/wait';

interface LegBody {
  kind: string;
  from: string;
  to: string;
  reefer?: boolean;
  ambientHours?: number;
}

interface MatchBody {
  id: string;
  transportMode: string;
  shelfLifeDaysOnArrival: number;
  chilledShelfLifeDaysOnArrival: number | null;
  coldChain: string | null;
  coldChainBreakShelfDays: number | null;
  route: LegBody[];
}

/**
 * Honest shelf life through the API (#10 point 4): a Batam buyer who declares cold storage asks
 * for 4 days of chili on arrival, which no route gives in ambient days (chili keeps 3), and is
 * proposed the Malang lot with its cold chain and both figures.
 */
describe('cold chain and shelf life on arrival (e2e)', () => {
  let api: TestApi;
  let coop: Party;
  let batam: Party;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    await useRationing(api.app, 'cabai_merah_keriting', 'max-gain');
    coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
  });
  afterAll(() => api.close());

  it('refuses a cold-storage flag that is not a boolean, naming the field, and changes nothing', async () => {
    const before = await api.dataSource.query(`SELECT count(*)::int AS n FROM demand_requests`);
    const res = await api.http
      .post('/api/v1/demand-requests')
      .set(batam.auth)
      .send(aRequest({ coldStorage: 'ya' }))
      .expect(400);
    expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain('coldStorage');
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM demand_requests`)).toEqual(
      before,
    );
  });

  it('refuses 4 ambient days of chili at the door: 3 is all it keeps', async () => {
    const res = await api.http
      .post('/api/v1/demand-requests')
      .set(batam.auth)
      .send(aRequest({ minShelfLifeDaysOnArrival: 4 }))
      .expect(422);
    expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain(
      'minShelfLifeDaysOnArrival',
    );
  });

  it('proposes chili to a buyer with cold storage on its chilled days, with the cold chain of every leg', async () => {
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ quantity: 5000, pricePerUnit: 32000 }))
      .expect(201);
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(aRequest({ quantity: 3000, minShelfLifeDaysOnArrival: 4, coldStorage: true }))
        .expect(201)
    ).body;
    expect(request).toMatchObject({ coldStorage: true, minShelfLifeDaysOnArrival: 4 });

    const [proposal] = await waitFor(
      async () => {
        const items = (
          await api.http
            .get('/api/v1/matches')
            .query({ demandRequestId: request.id, status: 'proposed' })
            .set(batam.auth)
            .expect(200)
        ).body.items as MatchBody[];
        return items.length > 0 && items;
      },
      { what: 'a proposal for the cold-storage request' },
    );
    // 5 t in reefer boxes from a Java port whose yard has reefer plugs (Tanjung Priok or
    // Tanjung Perak) to Batu Ampar, where none are recorded: the box stands unplugged through
    // its 4 hours of handling there.
    expect(proposal).toMatchObject({ transportMode: 'sea-reefer', coldChain: 'broken' });
    const sea = proposal.route.find((leg) => leg.kind === 'sea')!;
    expect(['port-tanjung-priok', 'port-tanjung-perak']).toContain(sea.from);
    expect(sea.to).toBe('port-batu-ampar');
    expect(sea.ambientHours).toBe(4);
    expect(
      proposal.route.filter((leg) => leg.kind === 'road').every((leg) => leg.ambientHours === 0),
    ).toBe(true);
    // Both figures: under 3 ambient days once unloaded; the same fraction of chili's 14 chilled
    // days in the buyer's cold store, which is what its 4-day minimum was checked against.
    expect(proposal.shelfLifeDaysOnArrival).toBeLessThan(3);
    expect(proposal.chilledShelfLifeDaysOnArrival).toBeGreaterThanOrEqual(4);
    expect(proposal.chilledShelfLifeDaysOnArrival).toBeCloseTo(
      (proposal.shelfLifeDaysOnArrival * 14) / 3,
      1,
    );
    // The 4 unplugged hours cost 4/24 x (1 - 3/14) = 0.13 ambient day.
    expect(proposal.coldChainBreakShelfDays).toBe(0.13);

    // The supplier sees the same cold chain and figures on its side of the proposal.
    const supplierView = (
      await api.http.get(`/api/v1/matches/${proposal.id}`).set(coop.auth).expect(200)
    ).body as MatchBody;
    expect(supplierView).toMatchObject({
      coldChain: 'broken',
      shelfLifeDaysOnArrival: proposal.shelfLifeDaysOnArrival,
      chilledShelfLifeDaysOnArrival: proposal.chilledShelfLifeDaysOnArrival,
    });
  });
});
