import type { Principal } from '../../src/accounts/principal';
import { MatchingService } from '../../src/matching/matching.service';
import { HorizonRoller } from '../../src/programmes/standing-orders/horizon.roller';
import { localDay, addDays } from '../../src/programmes/standing-orders/slot-calendar';
import { StandingOrdersService } from '../../src/programmes/standing-orders/standing-orders.service';
import { startApi, TestApi } from '../support/app';
import { aListing, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';

const DAY = 24 * 3600 * 1000;
const COMMODITY = 'cabai_merah_besar';

interface Slot {
  slotId: string;
  date: string;
  quantity: number;
  status: string;
  demandRequestId: string;
  marketStatus: string;
  proposed: number;
  confirmed: number;
  delivered: number;
  fillRatio: number;
}

describe('standing orders and forward supply (e2e, simulated days)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
  });
  afterAll(() => api.close());

  const principalOf = (party: Party): Principal => ({
    userId: party.user.id,
    organizationId: party.organization.id,
    organizationType: party.organization.type,
    regionCode: party.organization.regionCode,
    sessionId: '',
    emailVerified: true,
    organizationRole: 'owner',
  });

  const slotsOf = async (party: Party, id: string): Promise<Slot[]> =>
    (await api.http.get(`/api/v1/standing-orders/${id}/slots`).set(party.auth).expect(200)).body;

  it('keeps a rolling week of slots as requests, matches them, and edits, pauses and ends only future unconfirmed slots', async () => {
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const t0 = new Date();
    const today = localDay(t0, '21.71');

    const order = (
      await api.http
        .post('/api/v1/standing-orders')
        .set(batam.auth)
        .send({
          side: 'demand',
          commodityCode: COMMODITY,
          grade: 'II',
          quantity: 2000,
          period: 'day',
          deliveryDays: [1, 2, 3, 4, 5, 6, 7],
          pricePerUnit: 90000,
          regionCode: '21.71',
          windowDays: 2,
          startsOn: today,
        })
        .expect(201)
    ).body;
    let slots = await slotsOf(batam, order.id);
    expect(slots.map((s) => s.date).sort()).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((d) => addDays(today, d)),
    );
    expect(slots.every((s) => s.quantity === 2000 && s.marketStatus === 'open')).toBe(true);

    // A slot is an ordinary request: the engine matches it against Malang supply.
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: COMMODITY, grade: 'I', quantity: 1500, pricePerUnit: 30000 }))
      .expect(201);
    await api.app.get(MatchingService).reoptimize(COMMODITY);
    const slotRequests = new Set(slots.map((s) => s.demandRequestId));
    const proposals = (
      await api.http.get(`/api/v1/matches?status=proposed`).set(batam.auth).expect(200)
    ).body.items.filter((m: { demandRequestId: string }) => slotRequests.has(m.demandRequestId));
    expect(proposals.length).toBeGreaterThan(0);
    const proposal = proposals[0] as {
      id: string;
      demandRequestId: string;
      quantityDelivered: number;
    };
    await api.http.post(`/api/v1/matches/${proposal.id}/accept`).set(coop.auth).expect(200);
    await api.http.post(`/api/v1/matches/${proposal.id}/accept`).set(batam.auth).expect(200);
    slots = await slotsOf(batam, order.id);
    const confirmedSlot = slots.find((s) => s.demandRequestId === proposal.demandRequestId)!;
    expect(confirmedSlot.confirmed).toBe(proposal.quantityDelivered);
    // Rounded to 3 decimals by the API (a quantity like 225 kg ends in a 5 at the 4th).
    expect(confirmedSlot.fillRatio).toBe(
      Math.round((proposal.quantityDelivered / 2000) * 1000) / 1000,
    );

    // Day 1: the horizon moves on by one slot, once however often it is rolled.
    const roller = api.app.get(HorizonRoller);
    const day1 = new Date(t0.getTime() + DAY);
    const rolled = await roller.roll(day1, [order.id]);
    expect(rolled.slotsCreated).toBe(1);
    expect((await roller.roll(day1, [order.id])).slotsCreated).toBe(0);

    // Day 1: the office raises the daily quantity. Future unconfirmed slots follow; the
    // confirmed slot and its trade stay exactly as agreed; yesterday's slot is history.
    const service = api.app.get(StandingOrdersService);
    await service.update(principalOf(batam), order.id, { quantity: 2500 }, day1);
    slots = await slotsOf(batam, order.id);
    const active = slots.filter((s) => s.status === 'active');
    const day1Local = addDays(today, 1);
    for (const s of active) {
      if (s.slotId === confirmedSlot.slotId) expect(s.quantity).toBe(2000);
      else if (s.date >= day1Local) expect(s.quantity).toBe(2500);
      else expect(s.quantity).toBe(2000);
    }
    expect(active.find((s) => s.slotId === confirmedSlot.slotId)?.confirmed).toBe(
      proposal.quantityDelivered,
    );
    expect(new Set(active.map((s) => s.date)).size).toBe(active.length);
    expect(
      active
        .map((s) => s.date)
        .sort()
        .at(-1),
    ).toBe(addDays(today, 7));
    for (const s of slots.filter((x) => x.status === 'cancelled'))
      expect(s.marketStatus).toBe('withdrawn');

    // Day 1: paused, nothing new is ordered even as days pass; resumed on day 2, it is again.
    await service.pause(principalOf(batam), order.id, day1);
    const afterPause = (await slotsOf(batam, order.id)).filter((s) => s.status === 'active');
    expect(afterPause.every((s) => s.slotId === confirmedSlot.slotId || s.date < day1Local)).toBe(
      true,
    );
    const day2 = new Date(t0.getTime() + 2 * DAY);
    expect((await roller.roll(day2, [order.id])).slotsCreated).toBe(0);
    await service.resume(principalOf(batam), order.id, day2);
    const resumed = (await slotsOf(batam, order.id)).filter(
      (s) => s.status === 'active' && s.date >= addDays(today, 2),
    );
    expect(resumed.length).toBeGreaterThanOrEqual(6);

    // Day 2: ended. Future slots go, the trade stays confirmed, and nothing rolls again.
    await service.end(principalOf(batam), order.id, day2);
    expect((await roller.roll(new Date(t0.getTime() + 3 * DAY))).slotsCreated).toBe(0);
    slots = await slotsOf(batam, order.id);
    expect(
      slots.filter(
        (s) => s.status === 'active' && s.date >= addDays(today, 2) && s.confirmed === 0,
      ),
    ).toEqual([]);
    const trades = (await api.http.get('/api/v1/trades').set(batam.auth).expect(200)).body.items;
    expect(
      trades.map((t: { matchId: string; status: string }) => [t.matchId, t.status]),
    ).toContainEqual([proposal.id, 'confirmed']);
  });

  it('spreads forward supply over the harvest days as listings', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const t0 = new Date();
    const today = localDay(t0, '35.07');
    const created = await api.http
      .post('/api/v1/standing-orders')
      .set(coop.auth)
      .send({
        side: 'supply',
        commodityCode: COMMODITY,
        grade: 'I',
        quantity: 7001,
        period: 'week',
        deliveryDays: [1, 2, 3, 4, 5, 6, 7],
        pricePerUnit: 31000,
        regionCode: '35.07',
        startsOn: today,
      })
      .expect(201);
    const slots = (
      await api.http
        .get(`/api/v1/standing-orders/${created.body.id}/slots`)
        .set(coop.auth)
        .expect(200)
    ).body as { quantity: number; supplyListingId: string }[];
    // Seven harvest days of one week's expected harvest: exactly the week's quantity in all.
    expect(slots).toHaveLength(7);
    expect(slots.reduce((sum, s) => sum + s.quantity, 0)).toBe(7001);
    const listing = (
      await api.http
        .get(`/api/v1/supply-listings/${slots[0].supplyListingId}`)
        .set(coop.auth)
        .expect(200)
    ).body;
    expect(listing).toMatchObject({
      commodityCode: COMMODITY,
      pricePerUnit: 31000,
      status: 'open',
    });
  });

  it('refuses a standing order from the wrong side or with bad fields, naming them, and stores nothing', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const base = {
      side: 'demand',
      commodityCode: COMMODITY,
      quantity: 1000,
      period: 'day',
      deliveryDays: [1],
      pricePerUnit: 80000,
      regionCode: '21.71',
      startsOn: localDay(new Date(), '21.71'),
    };
    await api.http.post('/api/v1/standing-orders').set(coop.auth).send(base).expect(403);
    const bad = await api.http
      .post('/api/v1/standing-orders')
      .set(batam.auth)
      .send({ ...base, deliveryDays: [0, 8], period: 'month', quantity: -5 })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['deliveryDays', 'period', 'quantity']),
    );
    const unknown = await api.http
      .post('/api/v1/standing-orders')
      .set(batam.auth)
      .send({ ...base, regionCode: '99.99', endsOn: '2020-01-01' })
      .expect(400);
    expect(unknown.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['regionCode', 'endsOn']),
    );
    const listed = await api.http.get('/api/v1/standing-orders').set(batam.auth).expect(200);
    expect(listed.body.items).toEqual([]);
  });
});
