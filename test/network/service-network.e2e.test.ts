import { registerAdministrator } from '../support/admin';
import { startApi, TestApi } from '../support/app';
import { Party, postMalangBatamLot, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

interface Leg {
  kind: string;
  from: string;
  to: string;
  service?: string;
}
interface MatchBody {
  id: string;
  status: string;
  route: Leg[];
  landedCostPerUnit: number;
  supersededReason?: string | null;
}
interface Revision {
  id: string;
  code: string;
  revision: number;
  active: boolean;
  current: boolean;
  fields: Record<string, unknown>;
  supersededAt: string | null;
}

/** A test fixture, not a real service: Malang's own airport flying cargo to Batam cheaply. */
const MALANG_ROUTE = 'abdul-rachman-saleh--hang-nadim';
const malangRoute = (overrides: Record<string, unknown> = {}) => ({
  code: MALANG_ROUTE,
  fromHub: 'airport-abdul-rachman-saleh',
  toHub: 'airport-hang-nadim',
  flightsPerDay: 2,
  flightHours: 2.5,
  idrPerKg: 12000,
  minChargeKg: 10,
  documentFeeIdr: 25000,
  source: 'test fixture (not a real service): a cheaper air route from Malang',
  ...overrides,
});
const usesService = (code: string) => (m: MatchBody) => m.route.some((l) => l.service === code);

/**
 * Administrators edit the service network through the API (#10 point 1): a cheaper air route
 * they add re-proposes the Malang-Batam lot through it; every change is a new revision (history
 * kept), audited and recorded as a network version; bad input changes nothing.
 */
describe('the service network edited by administrators (e2e: API and worker)', () => {
  let api: TestApi;
  let admin: Party;

  beforeAll(async () => {
    api = await startApi('all');
    admin = await registerAdministrator(api);
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    await clearMarket(api.dataSource);
  });

  const get = async (party: Party, path: string) =>
    (await api.http.get(`/api/v1/${path}`).set(party.auth).expect(200)).body;
  const matches = async (party: Party, query: string): Promise<MatchBody[]> =>
    (await get(party, `matches?${query}&limit=100`)).items as MatchBody[];
  const count = async (sql: string): Promise<number> =>
    Number((await api.dataSource.query<{ n: number }[]>(sql))[0].n);
  /** Everything a change of the network writes, counted. */
  const footprint = async () => ({
    airRoutes: await count(`SELECT count(*)::int AS n FROM air_routes`),
    seaServices: await count(`SELECT count(*)::int AS n FROM sea_services`),
    versions: await count(`SELECT count(*)::int AS n FROM service_network_versions`),
    audit: await count(`SELECT count(*)::int AS n FROM audit_log`),
    events: await count(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'network.service_changed'`,
    ),
  });

  it('re-proposes the Malang-Batam lot through a cheaper air route an administrator adds, keeps every revision, and supersedes what used it when deactivated', async () => {
    const { buyer, listing, request } = await postMalangBatamLot(api.http);
    const pair = `supplyListingId=${listing.id}&demandRequestId=${request.id}`;
    const before = await waitFor(async () => (await matches(buyer, `${pair}&status=proposed`))[0], {
      what: 'the Juanda air proposal',
    });
    expect(usesService('juanda--hang-nadim')(before)).toBe(true);
    const versionBefore = await count(
      `SELECT max(version)::int AS n FROM service_network_versions`,
    );

    const created = await api.http
      .post('/api/v1/admin/network/air-routes')
      .set(admin.auth)
      .send(malangRoute())
      .expect(201);
    expect(created.body).toMatchObject({
      kind: 'air_route',
      code: MALANG_ROUTE,
      revision: 1,
      active: true,
      current: true,
      fields: { idrPerKg: 12000, fromHub: 'airport-abdul-rachman-saleh' },
    });
    expect(
      await count(`SELECT max(version)::int AS n FROM service_network_versions`),
    ).toBeGreaterThan(versionBefore);

    // The open proposal is superseded by the re-optimisation and proposed again via Malang.
    const via = await waitFor(
      async () => (await matches(buyer, `${pair}&status=proposed`)).find(usesService(MALANG_ROUTE)),
      { what: 'the lot re-proposed via the new air route', timeoutMs: 30_000 },
    );
    expect(via.landedCostPerUnit).toBeLessThan(before.landedCostPerUnit);
    const [old] = await matches(buyer, `${pair}&status=superseded`);
    expect(old.id).toBe(before.id);

    // An edit is a new revision; the first is kept, superseded.
    const edited = await api.http
      .patch(`/api/v1/admin/network/air-routes/${MALANG_ROUTE}`)
      .set(admin.auth)
      .send({ idrPerKg: 12500 })
      .expect(200);
    expect(edited.body).toMatchObject({ revision: 2, current: true, fields: { idrPerKg: 12500 } });
    const history = (await get(
      admin,
      `admin/network/air-routes/${MALANG_ROUTE}/revisions`,
    )) as Revision[];
    expect(history.map((r) => [r.revision, r.fields.idrPerKg, r.current])).toEqual([
      [2, 12500, true],
      [1, 12000, false],
    ]);
    expect(history[1].supersededAt).not.toBeNull();

    // Deactivated: the proposal flying it is superseded with the reason, and the lot goes back
    // to Juanda.
    const routed = await waitFor(
      async () =>
        (await matches(buyer, `${pair}&status=proposed`)).find(
          (m) => usesService(MALANG_ROUTE)(m) && m.landedCostPerUnit > via.landedCostPerUnit,
        ),
      { what: 'the proposal re-priced at the edited rate', timeoutMs: 30_000 },
    );
    await api.http
      .post(`/api/v1/admin/network/air-routes/${MALANG_ROUTE}/deactivate`)
      .set(admin.auth)
      .expect(200)
      .expect((res) => expect(res.body).toMatchObject({ revision: 3, active: false }));
    const gone = await waitFor(
      async () =>
        (await matches(buyer, `${pair}&status=superseded`)).find((m) => m.id === routed.id),
      { what: 'the proposal via the deactivated route superseded' },
    );
    expect(gone.supersededReason).toBe(
      `network_changed: air_route ${MALANG_ROUTE} deactivated (revision 3)`,
    );
    await waitFor(
      async () =>
        (await matches(buyer, `${pair}&status=proposed`)).find(usesService('juanda--hang-nadim')),
      { what: 'the lot back via Juanda', timeoutMs: 30_000 },
    );
    await api.http
      .post(`/api/v1/admin/network/air-routes/${MALANG_ROUTE}/deactivate`)
      .set(admin.auth)
      .expect(409);

    const audit = await get(admin, 'admin/audit-log?targetType=service_network_row&limit=10');
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      'network.service_deactivated',
      'network.service_updated',
      'network.service_created',
    ]);
  });

  it('refuses bad input with 400 naming each field and changes nothing', async () => {
    const start = await footprint();
    const bad = await api.http
      .post('/api/v1/admin/network/air-routes')
      .set(admin.auth)
      .send(malangRoute({ code: 'bad-route', idrPerKg: -5, flightHours: 0, source: undefined }))
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(new Set(bad.body.details.map((d: { field: string }) => d.field))).toEqual(
      new Set(['idrPerKg', 'flightHours', 'source']),
    );
    // A sea port is not an airport; a hub that does not exist is not one either.
    const hubs = await api.http
      .post('/api/v1/admin/network/air-routes')
      .set(admin.auth)
      .send(malangRoute({ code: 'bad-route', fromHub: 'port-dumai', toHub: 'airport-nowhere' }))
      .expect(400);
    expect(hubs.body.details.map((d: { field: string }) => d.field)).toEqual(['fromHub', 'toHub']);
    const nulled = await api.http
      .patch('/api/v1/admin/network/sea-services/dumai--batu-ampar')
      .set(admin.auth)
      .send({ lclIdrPerKg: null, departuresPerWeek: 'often' })
      .expect(400);
    expect(new Set(nulled.body.details.map((d: { field: string }) => d.field))).toEqual(
      new Set(['departuresPerWeek']),
    );
    const nullOnly = await api.http
      .patch('/api/v1/admin/network/sea-services/dumai--batu-ampar')
      .set(admin.auth)
      .send({ lclIdrPerKg: null })
      .expect(400);
    expect(nullOnly.body.details).toEqual([
      { field: 'lclIdrPerKg', message: 'lclIdrPerKg may not be null' },
    ]);
    const empty = await api.http
      .patch('/api/v1/admin/network/sea-services/dumai--batu-ampar')
      .set(admin.auth)
      .send({})
      .expect(400);
    expect(empty.body.details[0].field).toBe('body');
    // A code that already names a hub or service is taken.
    await api.http
      .post('/api/v1/admin/network/air-routes')
      .set(admin.auth)
      .send(malangRoute({ code: 'juanda--hang-nadim' }))
      .expect(409);
    await api.http
      .patch('/api/v1/admin/network/air-routes/no-such-route')
      .set(admin.auth)
      .send({ idrPerKg: 1 })
      .expect(404);
    expect(await footprint()).toEqual(start);
  });

  it('hides the routes from a party that is not a platform administrator (404, as every admin route) and changes nothing', async () => {
    const start = await footprint();
    const someone = await registerParty(api.http, { type: 'cooperative' });
    await api.http
      .post('/api/v1/admin/network/air-routes')
      .set(someone.auth)
      .send(malangRoute({ code: 'sneaky-route' }))
      .expect(404);
    await api.http
      .post('/api/v1/admin/network/sea-services/dumai--batu-ampar/deactivate')
      .set(someone.auth)
      .expect(404);
    await api.http.get('/api/v1/admin/network/truck-classes').set(someone.auth).expect(404);
    expect(await footprint()).toEqual(start);
  });
});
