import { MatchingService } from '../../src/matching/matching.service';
import { AgreementMonitor } from '../../src/programmes/agreements/agreement.monitor';
import { registerAdministrator, registerVerifiedParty } from '../support/admin';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

const COMMODITY = 'bawang_merah';
const DAY = 24 * 3600 * 1000;

interface Proposal {
  id: string;
  demandRequestId: string;
  quantityDelivered: number;
  agreementId: string | null;
  agreementBonusPerUnit: number;
  gainPerUnit: number;
  landedCostPerUnit: number;
}

describe('agreements between two governments (e2e)', () => {
  let api: TestApi;
  let admin: Party;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    admin = await registerAdministrator(api);
    // Shallots are a staple (fair rationing by default); this file is about committed volumes
    // on gain alone, so the commodity shares shortages by gain (rationing.e2e.test.ts: fair).
    await api.http
      .put(`/api/v1/admin/rationing-policies/${COMMODITY}`)
      .set(admin.auth)
      .send({ policy: 'max-gain' })
      .expect(200);
  });
  afterAll(() => api.close());

  const inbox = async (party: Party, type: string) =>
    (
      await api.http.get('/api/v1/notifications?limit=100').set(party.auth).expect(200)
    ).body.items.filter((n: { type: string }) => n.type === type) as {
      data: Record<string, unknown>;
    }[];

  it('is proposed by one government, in force once the other accepts, prioritised to its committed volume, reported behind, and ended with notice', async () => {
    const malangGov = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '35.07',
    });
    const batamGov = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '21.71',
    });
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const jakarta = await registerParty(api.http, { type: 'procurement', regionCode: '31.71' });

    const proposed = await api.http
      .post('/api/v1/agreements')
      .set(malangGov.auth)
      .send({
        title: 'Kerja sama bawang merah Kabupaten Malang - Kota Batam',
        regionCodes: ['35.07', '21.71'],
        commodityCodes: [COMMODITY],
        validFrom: daysFromNow(-1),
        validUntil: daysFromNow(365),
        priorityBonusPerUnit: 0,
        counterpartOrganizationId: batamGov.organization.id,
        commitments: [{ commodityCode: COMMODITY, quantityPerPeriod: 600 }],
        shortfallPenaltyPerUnit: 60000,
        priceFloorPerUnit: 20000,
        priceCeilingPerUnit: 40000,
        noticeDays: 0,
      })
      .expect(201);
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      priorityBonusPerUnit: 0,
      counterpartOrganizationId: batamGov.organization.id,
      commitments: [{ commodityCode: COMMODITY, quantityPerPeriod: 600 }],
    });
    const id = proposed.body.id as string;

    // Malang supply; Jakarta pays more than Batam, so on gain alone Batam gets nothing.
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: COMMODITY, grade: 'I', quantity: 2000, pricePerUnit: 30000 }))
      .expect(201);
    const batamRequest = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(
          aRequest({
            commodityCode: COMMODITY,
            minGrade: 'II',
            quantity: 1500,
            maxPricePerUnit: 60000,
          }),
        )
        .expect(201)
    ).body;
    await api.http
      .post('/api/v1/demand-requests')
      .set(jakarta.auth)
      .send(
        aRequest({
          commodityCode: COMMODITY,
          minGrade: 'II',
          quantity: 2000,
          maxPricePerUnit: 90000,
          destinationRegionCode: '31.71',
        }),
      )
      .expect(201);
    const matching = api.app.get(MatchingService);
    const batamProposals = async () =>
      (
        await api.http
          .get(`/api/v1/matches?demandRequestId=${batamRequest.id}&status=proposed`)
          .set(batam.auth)
          .expect(200)
      ).body.items as Proposal[];
    await matching.reoptimize(COMMODITY);
    expect(await batamProposals()).toEqual([]); // proposed only: not in force yet

    // Only the counterpart accepts.
    await api.http.post(`/api/v1/agreements/${id}/accept`).set(malangGov.auth).expect(403);
    const accepted = await api.http
      .post(`/api/v1/agreements/${id}/accept`)
      .set(batamGov.auth)
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'in_force', acceptedAt: expect.any(String) });
    await api.http.post(`/api/v1/agreements/${id}/accept`).set(batamGov.auth).expect(409);
    await waitFor(async () => (await inbox(malangGov, 'agreement.accepted')).length === 1, {
      what: 'the proposer told of the acceptance',
    });

    // In force: Batam gets exactly the committed 600, with the priority beside the real gain.
    await matching.reoptimize(COMMODITY);
    const ranked = await batamProposals();
    expect(ranked.reduce((sum, p) => sum + p.quantityDelivered, 0)).toBe(600);
    for (const p of ranked) {
      expect(p.agreementId).toBe(id);
      expect(p.agreementBonusPerUnit).toBeGreaterThan(0);
      expect(p.gainPerUnit).toBe(60000 - p.landedCostPerUnit);
    }

    let report = (
      await api.http.get(`/api/v1/agreements/${id}/fulfilment`).set(coop.auth).expect(200)
    ).body as { committed: number; proposed: number; confirmed: number; commodityCode: string }[];
    expect(report.at(-1)).toMatchObject({
      commodityCode: COMMODITY,
      committed: 600,
      proposed: 600,
      confirmed: 0,
    });

    // A week later the period closed with nothing confirmed: both governments are told, once.
    const monitor = api.app.get(AgreementMonitor);
    const weekLater = new Date(Date.now() + 7 * DAY);
    expect(await monitor.checkBehind(weekLater)).toBeGreaterThanOrEqual(1);
    expect(await monitor.checkBehind(weekLater)).toBe(0);
    // (The week after is checked too, pro rata of the hours it has run.)
    const thisWeek = (report.at(-1) as unknown as { periodStart: string }).periodStart;
    for (const government of [malangGov, batamGov]) {
      const behind = (await inbox(government, 'agreement.behind')).filter(
        (n) => n.data.periodStart === thisWeek,
      );
      expect(behind).toHaveLength(1);
      expect(behind[0].data).toMatchObject({ agreementId: id, committed: 600, confirmed: 0 });
    }

    // Confirmed trades count in the report.
    for (const p of ranked) {
      await api.http.post(`/api/v1/matches/${p.id}/accept`).set(coop.auth).expect(200);
      await api.http.post(`/api/v1/matches/${p.id}/accept`).set(batam.auth).expect(200);
    }
    report = (await api.http.get(`/api/v1/agreements/${id}/fulfilment`).set(batam.auth).expect(200))
      .body;
    expect(report.at(-1)).toMatchObject({ committed: 600, confirmed: 600, proposed: 0 });

    // Delivered counts what the buyer recorded as received: a short delivery shows as short.
    const batamTrades = (await api.http.get('/api/v1/trades').set(batam.auth).expect(200)).body
      .items as { id: string; matchId: string; quantityDelivered: number }[];
    const first = batamTrades.find((t) => ranked.some((p) => p.id === t.matchId))!;
    await api.http
      .patch(`/api/v1/trades/${first.id}`)
      .set(coop.auth)
      .send({ status: 'shipped' })
      .expect(200);
    await api.http
      .patch(`/api/v1/trades/${first.id}`)
      .set(batam.auth)
      .send({
        status: 'delivered',
        receivedQuantity: first.quantityDelivered - 50,
        gradeOnArrival: 'I',
      })
      .expect(200);
    report = (await api.http.get(`/api/v1/agreements/${id}/fulfilment`).set(batam.auth).expect(200))
      .body;
    expect(report.at(-1)).toMatchObject({
      confirmed: 600,
      delivered: first.quantityDelivered - 50,
    });

    // Either side ends it (no notice here): it no longer steers the market; trades stay.
    await api.http.post(`/api/v1/agreements/${id}/end`).set(coop.auth).expect(403);
    const ended = await api.http
      .post(`/api/v1/agreements/${id}/end`)
      .set(batamGov.auth)
      .expect(200);
    expect(ended.body.endNoticeByOrganizationId).toBe(batamGov.organization.id);
    await api.http.post(`/api/v1/agreements/${id}/end`).set(malangGov.auth).expect(409);
    const active = await api.http
      .get(`/api/v1/agreements?regionCode=21.71&commodityCode=${COMMODITY}&active=true`)
      .set(batam.auth)
      .expect(200);
    expect(active.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    await matching.reoptimize(COMMODITY);
    expect((await batamProposals()).filter((p) => p.agreementId === id)).toEqual([]);
    const trades = (await api.http.get('/api/v1/trades').set(batam.auth).expect(200)).body.items;
    // Ending it cancels none of its trades (one of them was delivered above).
    expect(trades.filter((t: { status: string }) => t.status !== 'cancelled')).toHaveLength(
      ranked.length,
    );
  });

  it('refuses a counterpart that is not the verified government of the other region, naming the fields', async () => {
    const malangGov = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '35.07',
    });
    const otherMalang = await registerVerifiedParty(api, admin, {
      type: 'government',
      regionCode: '35.07',
    });
    const base = {
      regionCodes: ['35.07', '21.71'],
      commodityCodes: [COMMODITY],
      validFrom: daysFromNow(0),
      validUntil: daysFromNow(30),
      priorityBonusPerUnit: 0,
    };
    const sameSide = await api.http
      .post('/api/v1/agreements')
      .set(malangGov.auth)
      .send({ ...base, counterpartOrganizationId: otherMalang.organization.id })
      .expect(400);
    expect(sameSide.body.details[0].field).toBe('counterpartOrganizationId');
    const noCounterpart = await api.http
      .post('/api/v1/agreements')
      .set(malangGov.auth)
      .send({ ...base, commitments: [{ commodityCode: 'beras_medium', quantityPerPeriod: 10 }] })
      .expect(400);
    expect(noCounterpart.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining([
        'commitments.0.commodityCode',
        'counterpartOrganizationId',
        'shortfallPenaltyPerUnit',
      ]),
    );
  });
});
