import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startApi, TestApi, withEnv } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { openStream } from '../support/sse';
import { WebhookReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

const ALL_EVENTS = [
  'match.proposed',
  'match.accepted',
  'match.confirmed',
  'match.declined',
  'match.expired',
  'match.superseded',
  'trade.updated',
  'opportunity.matched',
  'webhook.disabled',
];

describe('deal flow and notifications (e2e: API, worker, webhook receiver)', () => {
  let api: TestApi;
  let base: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    api = await withEnv({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_UNIT_MS: '5' }, () =>
      startApi('all'),
    );
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    await clearMarket(api.dataSource);
  });
  afterAll(async () => {
    await api.close();
    await receiver.stop();
  });

  const inbox = async (party: Party, type: string) =>
    (await api.http.get('/api/v1/notifications').set(party.auth).expect(200)).body.items.filter(
      (n: { type: string }) => n.type === type,
    );

  const registerWebhook = async (party: Party, path: string, statuses = [204]) =>
    (
      await api.http
        .post('/api/v1/webhooks')
        .set(party.auth)
        .send({ url: receiver.script(path, statuses), eventTypes: ALL_EVENTS })
        .expect(201)
    ).body as { id: string; secret: string };

  it('runs the whole story: proposal to both sides everywhere, acceptance, trade, opportunity for a trader', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const trader = await registerParty(api.http, { type: 'trader', regionCode: '31.71' });
    const coopHook = await registerWebhook(coop, '/coop');
    const batamHook = await registerWebhook(batam, '/batam');
    await api.http
      .post('/api/v1/watchlists')
      .set(trader.auth)
      .send({ commodityCode: 'cabai_merah_keriting', originCode: '35', destinationCode: '21' })
      .expect(201);
    const coopStream = openStream(`${base}/api/v1/notifications/stream`, coop.auth);
    const batamStream = openStream(
      `${base}/api/v1/notifications/stream?access_token=${batam.token}`,
      {},
    );

    try {
      const listing = (
        await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201)
      ).body;
      const request = (
        await api.http.post('/api/v1/demand-requests').set(batam.auth).send(aRequest()).expect(201)
      ).body;

      // Both parties hear of the proposal in the inbox, on the live stream and by webhook.
      const [proposedForBatam] = await waitFor(
        async () => {
          const items = await inbox(batam, 'match.proposed');
          return items.length > 0 && items;
        },
        { what: 'match.proposed in the buyer inbox' },
      );
      const match = proposedForBatam.data.match;
      expect(match).toMatchObject({
        quantity: 3093,
        quantityDelivered: 3000,
        transportMode: 'sea-reefer',
        role: 'buyer',
      });
      const [proposedForCoop] = await waitFor(
        async () => {
          const items = await inbox(coop, 'match.proposed');
          return items.length > 0 && items;
        },
        { what: 'match.proposed in the supplier inbox' },
      );
      expect(proposedForCoop.data.match).toMatchObject({
        id: match.id,
        role: 'supplier',
        gainPerUnit: null,
      });
      await waitFor(() => coopStream.messages.some((m) => m.event === 'match.proposed'), {
        what: 'supplier stream',
      });
      await waitFor(() => batamStream.messages.some((m) => m.event === 'match.proposed'), {
        what: 'buyer stream',
      });
      for (const [path, hook] of [
        ['/coop', coopHook],
        ['/batam', batamHook],
      ] as const) {
        const hit = await waitFor(
          () => receiver.on(path).find((r) => JSON.parse(r.body).type === 'match.proposed'),
          {
            what: `webhook ${path}`,
          },
        );
        // Verified by the reference Standard Webhooks implementation, not by our own code.
        const verified = new Webhook(hook.secret).verify(hit.body, {
          'webhook-id': String(hit.headers['webhook-id']),
          'webhook-timestamp': String(hit.headers['webhook-timestamp']),
          'webhook-signature': String(hit.headers['webhook-signature']),
        }) as { type: string; data: { match: { id: string } } };
        expect(verified.data.match.id).toBe(match.id);
        expect(() =>
          new Webhook(batamHook.secret === hook.secret ? coopHook.secret : batamHook.secret).verify(
            hit.body,
            {
              'webhook-id': String(hit.headers['webhook-id']),
              'webhook-timestamp': String(hit.headers['webhook-timestamp']),
              'webhook-signature': String(hit.headers['webhook-signature']),
            },
          ),
        ).toThrow();
      }

      // The trader watching East Java -> Riau Islands chili got an opportunity, without identities or prices it may not see.
      const [opportunity] = await waitFor(
        async () => {
          const items = await inbox(trader, 'opportunity.matched');
          return items.length > 0 && items;
        },
        { what: 'opportunity for the trader' },
      );
      expect(opportunity.data).toMatchObject({
        commodityCode: 'cabai_merah_keriting',
        grade: 'I',
        quantity: 3093,
        quantityDelivered: 3000,
        originRegionCode: '35.07',
        destinationRegionCode: '21.71',
        transportMode: 'sea-reefer',
        landedCostPerUnit: match.landedCostPerUnit,
      });
      const text = JSON.stringify(opportunity);
      for (const secret of [
        coop.organization.id,
        batam.organization.id,
        '60000',
        'gainPerUnit',
        listing.id,
        request.id,
      ]) {
        expect(text).not.toContain(secret);
      }

      // One acceptance holds; the second confirms into a trade.
      const held = await api.http
        .post(`/api/v1/matches/${match.id}/accept`)
        .set(coop.auth)
        .expect(200);
      expect(held.body).toMatchObject({
        status: 'proposed',
        supplierDecision: 'accepted',
        buyerDecision: 'pending',
      });
      await api.http.post(`/api/v1/matches/${match.id}/accept`).set(trader.auth).expect(404);
      const confirmed = await api.http
        .post(`/api/v1/matches/${match.id}/accept`)
        .set(batam.auth)
        .expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', buyerDecision: 'accepted' });
      const [trade] = (await api.http.get('/api/v1/trades').set(batam.auth).expect(200)).body.items;
      expect(trade).toMatchObject({
        matchId: match.id,
        quantity: 3093,
        quantityDelivered: 3000,
        pricePerUnit: 32000,
        totalPrice: '98976000',
        status: 'confirmed',
      });
      expect(
        (await api.http.get(`/api/v1/supply-listings/${listing.id}`).set(coop.auth).expect(200))
          .body.remainingQuantity,
      ).toBe(5000 - 3093);
      expect(
        (await api.http.get(`/api/v1/demand-requests/${request.id}`).set(batam.auth).expect(200))
          .body,
      ).toMatchObject({
        remainingQuantity: 0,
        status: 'fulfilled',
      });
      for (const party of [coop, batam]) {
        await waitFor(async () => (await inbox(party, 'match.confirmed')).length === 1, {
          what: 'match.confirmed inbox',
        });
      }
      for (const path of ['/coop', '/batam']) {
        await waitFor(
          () => receiver.on(path).some((r) => JSON.parse(r.body).type === 'match.confirmed'),
          {
            what: `match.confirmed webhook ${path}`,
          },
        );
      }
      await api.http
        .post(`/api/v1/matches/${match.id}/decline`)
        .set(batam.auth)
        .send({ reason: 'other' })
        .expect(409);

      // The trade moves forward by the right party only.
      await api.http
        .patch(`/api/v1/trades/${trade.id}`)
        .set(batam.auth)
        .send({ status: 'shipped' })
        .expect(403);
      await api.http
        .patch(`/api/v1/trades/${trade.id}`)
        .set(coop.auth)
        .send({ status: 'delivered', receivedQuantity: 3000, gradeOnArrival: 'I' })
        .expect(409);
      await api.http
        .patch(`/api/v1/trades/${trade.id}`)
        .set(coop.auth)
        .send({ status: 'shipped' })
        .expect(200);
      await api.http
        .patch(`/api/v1/trades/${trade.id}`)
        .set(batam.auth)
        .send({ status: 'delivered', receivedQuantity: 3000, gradeOnArrival: 'I' })
        .expect(200);
      await api.http
        .patch(`/api/v1/trades/${trade.id}`)
        .set(batam.auth)
        .send({ status: 'completed' })
        .expect(200);
      await api.http
        .patch(`/api/v1/trades/${trade.id}`)
        .set(coop.auth)
        .send({ status: 'cancelled', reason: 'late' })
        .expect(409);
      await api.http.get(`/api/v1/trades/${trade.id}`).set(trader.auth).expect(404);
      await waitFor(async () => (await inbox(coop, 'trade.updated')).length >= 4, {
        what: 'trade updates',
      });

      // The stream resumes after Last-Event-ID without repeating anything.
      const seen = coopStream.messages.filter((m) => m.id);
      const resumed = openStream(`${base}/api/v1/notifications/stream`, {
        ...coop.auth,
        'last-event-id': seen[0].id!,
      });
      try {
        await waitFor(() => resumed.messages.length >= seen.length - 1, { what: 'resumed stream' });
        expect(resumed.messages.map((m) => m.id)).toEqual(seen.slice(1).map((m) => m.id));
      } finally {
        resumed.close();
      }

      // Each event reached each webhook once (one delivery, one webhook-id).
      for (const path of ['/coop', '/batam']) {
        const ids = receiver.on(path).map((r) => r.headers['webhook-id']);
        expect(new Set(ids).size).toBe(ids.length);
      }
      const deliveries = (
        await api.http
          .get(`/api/v1/webhooks/${batamHook.id}/deliveries`)
          .set(batam.auth)
          .expect(200)
      ).body;
      expect(deliveries.items[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(deliveries.items[0].log[0]).toMatchObject({ attempt: 1, statusCode: 204 });
    } finally {
      coopStream.close();
      batamStream.close();
    }
  });

  it('declining returns the quantity to the market and notifies both parties', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const listing = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(
          aListing({
            commodityCode: 'bawang_merah',
            grade: 'I',
            pricePerUnit: 20000,
            quantity: 5000,
          }),
        )
        .expect(201)
    ).body;
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(buyer.auth)
        .send(aRequest({ commodityCode: 'bawang_merah', minGrade: 'II', quantity: 3000 }))
        .expect(201)
    ).body;
    const [proposal] = await waitFor(
      async () => {
        const items = (
          await api.http
            .get(`/api/v1/matches?demandRequestId=${request.id}&status=proposed`)
            .set(buyer.auth)
        ).body.items;
        return items.length > 0 && items;
      },
      { what: 'shallot proposal' },
    );
    expect(proposal.quantityDelivered).toBe(3000);
    // The supplier's acceptance holds the shipped quantity out of play; the buyer's decline must release it.
    await api.http.post(`/api/v1/matches/${proposal.id}/accept`).set(coop.auth).expect(200);
    const declined = await api.http
      .post(`/api/v1/matches/${proposal.id}/decline`)
      .set(buyer.auth)
      .send({ reason: 'timing' })
      .expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', buyerDecision: 'declined' });
    const [row] = await api.dataSource.query(
      `SELECT remaining_quantity, status FROM supply_listings WHERE id = $1`,
      [listing.id],
    );
    expect(row).toEqual({ remaining_quantity: 5000, status: 'open' });

    // Back on the market: a second buyer asking for 5 000 gets the whole listing proposed again
    // (at least 4 650 shipped: capacity is converted with at most chili's 7 % shrink), not only the
    // 5 000 minus the released hold.
    const other = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http
      .post('/api/v1/demand-requests')
      .set(other.auth)
      .send(aRequest({ commodityCode: 'bawang_merah', minGrade: 'II', quantity: 5000 }))
      .expect(201);
    await waitFor(
      async () => {
        const [{ proposed }] = await api.dataSource.query(
          `SELECT coalesce(sum(quantity), 0)::int AS proposed FROM matches
            WHERE supply_listing_id = $1 AND status = 'proposed'`,
          [listing.id],
        );
        return proposed >= 4500 && proposed <= 5000;
      },
      { what: 'the whole listing proposed again' },
    );

    for (const party of [coop, buyer]) {
      await waitFor(
        async () => {
          const mine = (await inbox(party, 'match.declined')).filter(
            (n: { data?: { matchId?: string } }) => JSON.stringify(n).includes(proposal.id),
          );
          return mine.length === 1;
        },
        { what: `decline notification for ${party.organization.type}` },
      );
    }
  });

  it('retries a failing receiver until it recovers, logging every attempt', async () => {
    const party = await registerParty(api.http, { type: 'trader' });
    const hook = await registerWebhook(party, '/flaky', [500, 503, 200]);
    await api.http
      .post('/api/v1/watchlists')
      .set(party.auth)
      .send({ commodityCode: 'cabai_rawit_hijau' })
      .expect(201);
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'cabai_rawit_hijau', grade: 'I' }))
      .expect(201);
    await api.http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .send(aRequest({ commodityCode: 'cabai_rawit_hijau', minGrade: 'II' }))
      .expect(201);

    const delivery = await waitFor(
      async () => {
        const items = (await api.http.get(`/api/v1/webhooks/${hook.id}/deliveries`).set(party.auth))
          .body.items;
        return items.find((d: { status: string }) => d.status === 'succeeded');
      },
      { timeoutMs: 20_000, what: 'the delivery to succeed after retries' },
    );
    expect(delivery.attempts).toBe(3);
    expect(delivery.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 503, 200]);
    const bodies = receiver.on('/flaky');
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies.map((b) => b.headers['webhook-id'])).size).toBe(1);
  });

  it('disables an endpoint that answers 410 Gone and tells its organization', async () => {
    const party = await registerParty(api.http, { type: 'trader' });
    const hook = await registerWebhook(party, '/gone', [410]);
    await api.http
      .post('/api/v1/watchlists')
      .set(party.auth)
      .send({ commodityCode: 'cabai_rawit_merah' })
      .expect(201);
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'cabai_rawit_merah', grade: 'I' }))
      .expect(201);
    await api.http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .send(aRequest({ commodityCode: 'cabai_rawit_merah', minGrade: 'II' }))
      .expect(201);

    const [disabled] = await waitFor(
      async () => {
        const items = await inbox(party, 'webhook.disabled');
        return items.length > 0 && items;
      },
      { what: 'webhook.disabled notification' },
    );
    expect(disabled.data).toMatchObject({
      endpointId: hook.id,
      reason: expect.stringContaining('410'),
    });
    const [endpoint] = (await api.http.get('/api/v1/webhooks').set(party.auth).expect(200)).body
      .items;
    expect(endpoint).toMatchObject({ id: hook.id, enabled: false });
    expect(endpoint).not.toHaveProperty('secret');
    expect(receiver.on('/gone')).toHaveLength(1);
  });

  it('refuses a webhook URL pointing at 127.0.0.1 when private addresses are not allowed', async () => {
    const strict = await withEnv({ WEBHOOK_ALLOW_PRIVATE: 'false' }, () => startApi('api'));
    try {
      const party = await registerParty(strict.http, { type: 'trader' });
      for (const url of [
        `${receiver.url}/x`,
        'http://169.254.169.254/latest/meta-data',
        'http://10.0.0.8/hook',
      ]) {
        const res = await strict.http
          .post('/api/v1/webhooks')
          .set(party.auth)
          .send({ url, eventTypes: ['match.proposed'] })
          .expect(400);
        expect(res.body.details[0].field).toBe('url');
      }
      expect(
        (await strict.http.get('/api/v1/webhooks').set(party.auth).expect(200)).body.items,
      ).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});
