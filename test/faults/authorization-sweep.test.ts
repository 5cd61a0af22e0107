import { createHmac } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config';
import { startApi, TestApi, withEnv } from '../support/app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { FaultQueues, openQueues, waitForQuiescence } from '../support/fault-checks';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

const TRADED = 'beras_premium'; // one grade: premium
const PROPOSED = 'kedelai_biji_kering_impor'; // grades I to IV

type Method = 'get' | 'post' | 'patch' | 'delete';
interface Attempt {
  method: Method;
  path: string;
  body?: object;
}

/**
 * Every route that takes an id, tried by organizations that do not own the object: each answer
 * is 404 (may not see it) or 403 (may see, may not change), never a success and never a 400 that
 * would hide a missing check (the bodies are valid), and nothing changes. Then a deleted user's
 * token and tampered tokens get 401 everywhere. The objects come from the real flow: the worker
 * proposes, both sides accept, a trade is created.
 */
describe('fault: authorization sweep over every id route', () => {
  let api: TestApi;
  let queues: FaultQueues;
  let seller: Party;
  let buyer: Party;
  let trader: Party;
  const ids = {
    listing: '',
    request: '',
    match: '',
    openMatch: '',
    trade: '',
    webhook: '',
    watchlist: '',
    notification: '',
  };
  const outsiders: Record<string, Party> = {};

  // Deliveries go to a receiver on this machine: tests never send traffic anywhere else.
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    api = await withEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }, () => startApi('all'));
    await clearMarket(api.dataSource);
    const config = loadConfig();
    queues = openQueues(config.redisUrl, config.redisPrefix);

    seller = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    trader = await registerParty(api.http, { type: 'trader', regionCode: '31.71' });
    outsiders.cooperative = await registerParty(api.http, {
      type: 'cooperative',
      regionCode: '35.07',
    });
    outsiders.procurement = await registerParty(api.http, {
      type: 'procurement',
      regionCode: '21.71',
    });
    outsiders.trader = await registerParty(api.http, { type: 'trader', regionCode: '31.71' });
    outsiders.government = await registerParty(api.http, {
      type: 'government',
      regionCode: '35.07',
    });

    const post = async (party: Party, path: string, body: object) =>
      (await api.http.post(`/api/v1/${path}`).set(party.auth).send(body).expect(201)).body
        .id as string;
    ids.watchlist = await post(trader, 'watchlists', { commodityCode: TRADED });
    ids.webhook = await post(seller, 'webhooks', {
      url: receiver.script('/sweep', [204]),
      eventTypes: ['match.proposed'],
    });
    ids.listing = await post(
      seller,
      'supply-listings',
      aListing({ commodityCode: TRADED, grade: 'premium', pricePerUnit: 12000 }),
    );
    ids.request = await post(
      buyer,
      'demand-requests',
      aRequest({ commodityCode: TRADED, minGrade: 'premium', maxPricePerUnit: 30000 }),
    );
    const openListing = await post(
      seller,
      'supply-listings',
      aListing({ commodityCode: PROPOSED, grade: 'I', pricePerUnit: 8000 }),
    );
    await post(
      buyer,
      'demand-requests',
      aRequest({ commodityCode: PROPOSED, minGrade: 'IV', maxPricePerUnit: 30000 }),
    );

    const proposalFor = (listingId: string) =>
      waitFor(
        async () =>
          (
            await api.http
              .get(`/api/v1/matches?supplyListingId=${listingId}&status=proposed`)
              .set(seller.auth)
              .expect(200)
          ).body.items[0]?.id as string | undefined,
        { timeoutMs: 20_000, what: `a proposal for ${listingId}` },
      );
    ids.match = await proposalFor(ids.listing);
    ids.openMatch = await proposalFor(openListing);
    await api.http.post(`/api/v1/matches/${ids.match}/accept`).set(seller.auth).expect(200);
    const confirmed = await api.http
      .post(`/api/v1/matches/${ids.match}/accept`)
      .set(buyer.auth)
      .expect(200);
    expect(confirmed.body.status).toBe('confirmed');
    ids.trade = (
      await api.http.get('/api/v1/trades').set(seller.auth).expect(200)
    ).body.items[0].id;
    ids.notification = await waitFor(
      async () =>
        (await api.http.get('/api/v1/notifications').set(seller.auth).expect(200)).body.items[0]
          ?.id as string | undefined,
      { what: "the seller's first notification" },
    );
    await waitForQuiescence(api.dataSource, queues, { endpointIds: [ids.webhook] });
  }, 90_000);

  afterAll(async () => {
    await queues.close();
    await api.close();
    await receiver.stop();
  });

  /** The full rows of every object under attack, and the counts of what an attack could add. */
  const snapshot = async () => {
    const rows = await api.dataSource.query(
      `SELECT
         (SELECT row_to_json(x)::text FROM supply_listings x WHERE id = $1) AS listing,
         (SELECT row_to_json(x)::text FROM demand_requests x WHERE id = $2) AS request,
         (SELECT row_to_json(x)::text FROM matches x WHERE id = $3) AS match,
         (SELECT row_to_json(x)::text FROM matches x WHERE id = $4) AS open_match,
         (SELECT row_to_json(x)::text FROM trades x WHERE id = $5) AS trade,
         (SELECT row_to_json(x)::text FROM webhook_endpoints x WHERE id = $6) AS webhook,
         (SELECT row_to_json(x)::text FROM watchlists x WHERE id = $7) AS watchlist,
         (SELECT row_to_json(x)::text FROM notifications x WHERE id = $8) AS notification,
         (SELECT count(*) FROM outbox_events)::int AS outbox_events,
         (SELECT count(*) FROM trades)::int AS trades`,
      [
        ids.listing,
        ids.request,
        ids.match,
        ids.openMatch,
        ids.trade,
        ids.webhook,
        ids.watchlist,
        ids.notification,
      ],
    );
    return rows[0] as Record<string, unknown>;
  };

  /** Every route that takes an id, with a body a legitimate owner could send. */
  const attemptsOn = (): { target: string; owners: Party[]; attempts: Attempt[] }[] => [
    {
      target: 'supply listing',
      owners: [seller],
      attempts: [
        { method: 'get', path: `/api/v1/supply-listings/${ids.listing}` },
        {
          method: 'patch',
          path: `/api/v1/supply-listings/${ids.listing}`,
          body: { notes: 'hijacked' },
        },
        { method: 'post', path: `/api/v1/supply-listings/${ids.listing}/withdraw` },
        { method: 'get', path: `/api/v1/supply-listings/${ids.listing}/candidates` },
      ],
    },
    {
      target: 'demand request',
      owners: [buyer],
      attempts: [
        { method: 'get', path: `/api/v1/demand-requests/${ids.request}` },
        {
          method: 'patch',
          path: `/api/v1/demand-requests/${ids.request}`,
          body: { notes: 'hijacked' },
        },
        { method: 'post', path: `/api/v1/demand-requests/${ids.request}/withdraw` },
        { method: 'get', path: `/api/v1/demand-requests/${ids.request}/candidates` },
      ],
    },
    {
      target: 'match',
      owners: [seller, buyer],
      attempts: [ids.match, ids.openMatch].flatMap((id) => [
        { method: 'get' as const, path: `/api/v1/matches/${id}` },
        { method: 'post' as const, path: `/api/v1/matches/${id}/accept` },
        {
          method: 'post' as const,
          path: `/api/v1/matches/${id}/decline`,
          body: { reason: 'other' },
        },
      ]),
    },
    {
      target: 'trade',
      owners: [seller, buyer],
      attempts: [
        { method: 'get', path: `/api/v1/trades/${ids.trade}` },
        { method: 'patch', path: `/api/v1/trades/${ids.trade}`, body: { status: 'shipped' } },
        {
          method: 'patch',
          path: `/api/v1/trades/${ids.trade}`,
          body: { status: 'cancelled', reason: 'not ours to cancel' },
        },
      ],
    },
    {
      target: 'webhook',
      owners: [seller],
      attempts: [
        { method: 'get', path: `/api/v1/webhooks/${ids.webhook}/deliveries` },
        { method: 'delete', path: `/api/v1/webhooks/${ids.webhook}` },
      ],
    },
    {
      target: 'watchlist',
      owners: [trader],
      attempts: [{ method: 'delete', path: `/api/v1/watchlists/${ids.watchlist}` }],
    },
    {
      target: 'notification',
      owners: [seller],
      attempts: [{ method: 'post', path: `/api/v1/notifications/${ids.notification}/read` }],
    },
  ];

  const run = (attempt: Attempt, headers: Record<string, string>) => {
    const req = api.http[attempt.method](attempt.path).set(headers);
    return attempt.body ? req.send(attempt.body) : req;
  };

  it('answers 404 or 403 to every other organization on every id route, and changes nothing', async () => {
    const before = await snapshot();
    const everyone: Record<string, Party> = { seller, buyer, trader, ...outsiders };
    const wrong: string[] = [];
    let tried = 0;
    for (const { target, owners, attempts } of attemptsOn()) {
      const others = Object.entries(everyone).filter(([, p]) => !owners.includes(p));
      for (const [who, party] of others) {
        for (const attempt of attempts) {
          const res = await run(attempt, party.auth);
          tried++;
          if (res.status !== 404 && res.status !== 403) {
            wrong.push(
              `${who} ${attempt.method.toUpperCase()} ${attempt.path} (${target}) -> ${res.status}`,
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // Every attempt ran: listing and request 6 outsiders x 4 routes each, match 5 x 3, trade 5 x 2,
    // webhook 6 x 2, watchlist 6 x 1, notification 6 x 1.
    expect(tried).toBe(24 + 24 + 15 + 10 + 12 + 6 + 6);
    await waitForQuiescence(api.dataSource, queues, { quietChecks: 2 });
    expect(await snapshot()).toEqual(before);

    // The owners still see their objects (the 404s above were not for objects that are gone).
    await api.http.get(`/api/v1/supply-listings/${ids.listing}`).set(seller.auth).expect(200);
    await api.http.get(`/api/v1/demand-requests/${ids.request}`).set(buyer.auth).expect(200);
    await api.http.get(`/api/v1/trades/${ids.trade}`).set(buyer.auth).expect(200);
    await api.http.get(`/api/v1/matches/${ids.openMatch}`).set(buyer.auth).expect(200);
    await api.http.get(`/api/v1/webhooks/${ids.webhook}/deliveries`).set(seller.auth).expect(200);
  });

  const b64 = (value: object | string) =>
    Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const signed = (
    payload: object,
    secret: string,
    header: object = { alg: 'HS256', typ: 'JWT' },
  ) => {
    const unsigned = `${b64(header)}.${b64(payload)}`;
    return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
  };

  it('answers 401 to a deleted user and to tampered or forged tokens on every id route, and changes nothing', async () => {
    const before = await snapshot();
    const now = Math.floor(Date.now() / 1000);
    const secret = loadConfig().jwtSecret;
    const [header, payload, signature] = seller.token.split('.');

    const leaver = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    await api.http.get('/api/v1/me').set(leaver.auth).expect(200);
    await api.dataSource.query(`DELETE FROM users WHERE id = $1`, [leaver.user.id]);

    const flipped =
      signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    const credentials: Record<string, Record<string, string>> = {
      'deleted user': leaver.auth,
      'altered signature': { Authorization: `Bearer ${header}.${payload}.${flipped}` },
      "buyer's signature on the seller's claims": {
        Authorization: `Bearer ${header}.${b64({ sub: seller.user.id, iat: now })}.${buyer.token.split('.')[2]}`,
      },
      'alg none': {
        Authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: seller.user.id, iat: now })}.`,
      },
      'wrong secret': {
        Authorization: `Bearer ${signed({ sub: seller.user.id, iat: now }, 'not-the-secret')}`,
      },
      expired: {
        Authorization: `Bearer ${signed({ sub: seller.user.id, iat: now - 7200, exp: now - 3600 }, secret)}`,
      },
      'unknown user': {
        Authorization: `Bearer ${signed({ sub: '00000000-0000-4000-8000-000000000000', iat: now }, secret)}`,
      },
      'not a uuid subject': {
        Authorization: `Bearer ${signed({ sub: "' OR 1=1 --", iat: now }, secret)}`,
      },
      'other scheme': { Authorization: `Basic ${seller.token}` },
      'no scheme': { Authorization: seller.token },
      garbage: { Authorization: 'Bearer not.a.jwt' },
      none: {},
    };
    const wrong: string[] = [];
    for (const [what, headers] of Object.entries(credentials)) {
      for (const { attempts } of attemptsOn()) {
        for (const attempt of attempts) {
          const res = await run(attempt, headers);
          if (res.status !== 401) {
            wrong.push(`${what}: ${attempt.method.toUpperCase()} ${attempt.path} -> ${res.status}`);
          }
        }
      }
      const me = await api.http.get('/api/v1/me').set(headers);
      if (me.status !== 401) wrong.push(`${what}: GET /me -> ${me.status}`);
    }
    // A token in the query string is for the event stream only.
    const query = await api.http.get(
      `/api/v1/supply-listings/${ids.listing}?access_token=${seller.token}`,
    );
    if (query.status !== 401) wrong.push(`query token: GET listing -> ${query.status}`);

    expect(wrong).toEqual([]);
    await waitForQuiescence(api.dataSource, queues, { quietChecks: 2 });
    expect(await snapshot()).toEqual(before);
    // The genuine token still works.
    await api.http.get(`/api/v1/supply-listings/${ids.listing}`).set(seller.auth).expect(200);
  });
});
