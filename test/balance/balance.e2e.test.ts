import { parseCsv, BALANCE_CSV_COLUMNS } from '../../src/balance/balance-csv';
import { BalanceStore } from '../../src/balance/balance.store';
import type { RelayedEvent } from '../../src/events/event-catalog';
import { MatchingService } from '../../src/matching/matching.service';
import { DomainEventBus } from '../../src/outbox/domain-event.bus';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

const CHILI = 'cabai_merah_keriting';
const SHALLOT = 'bawang_merah';

/**
 * The balance straight from the base tables, written independently of the projector's SQL: the
 * zones by province as the Keppres lists them, as PostgreSQL's named zones, and each measure as a
 * plain sum. Keyed `level|region|commodity|weekStart` -> measures.
 */
async function directRegionCounts(api: TestApi): Promise<Map<string, Record<string, number>>> {
  const zone = (code: string) => `(CASE
      WHEN left(${code}, 2) IN ('51','52','53','63','64','65','71','72','73','74','75','76') THEN 'Asia/Makassar'
      WHEN left(${code}, 2) IN ('81','82','91','92','93','94','95','96') THEN 'Asia/Jayapura'
      ELSE 'Asia/Jakarta' END)`;
  const week = (ts: string, code: string) =>
    `(date_trunc('week', ${ts} AT TIME ZONE ${zone(code)}))::date::text`;
  const rows = await api.dataSource.query<
    { place: string; commodity: string; week: string; measure: string; quantity: string }[]
  >(`
    SELECT origin_region_code AS place, commodity_code AS commodity,
           ${week('available_from', 'origin_region_code')} AS week, 'supplyPosted' AS measure,
           CASE WHEN status = 'withdrawn' THEN quantity - remaining_quantity ELSE quantity END AS quantity
      FROM supply_listings
    UNION ALL
    SELECT destination_region_code, commodity_code, ${week('COALESCE(deliver_from, deliver_by)', 'destination_region_code')},
           'demandPosted',
           CASE WHEN status = 'withdrawn' THEN quantity - remaining_quantity ELSE quantity END
      FROM demand_requests
    UNION ALL
    SELECT l.origin_region_code, m.commodity_code, ${week('m.departure_date', 'l.origin_region_code')},
           'proposedOut', m.quantity
      FROM matches m JOIN supply_listings l ON l.id = m.supply_listing_id WHERE m.status = 'proposed'
    UNION ALL
    SELECT d.destination_region_code, m.commodity_code, ${week('m.arrival_date', 'd.destination_region_code')},
           'proposedIn', m.quantity_delivered
      FROM matches m JOIN demand_requests d ON d.id = m.demand_request_id WHERE m.status = 'proposed'
    UNION ALL
    SELECT l.origin_region_code, t.commodity_code, ${week('t.departure_date', 'l.origin_region_code')},
           'confirmedOut', t.quantity
      FROM trades t JOIN supply_listings l ON l.id = t.supply_listing_id
     WHERE t.status NOT IN ('cancelled', 'failed')
    UNION ALL
    SELECT d.destination_region_code, t.commodity_code, ${week('t.arrival_date', 'd.destination_region_code')},
           'confirmedIn', t.quantity_delivered
      FROM trades t JOIN demand_requests d ON d.id = t.demand_request_id
     WHERE t.status NOT IN ('cancelled', 'failed')
    UNION ALL
    SELECT l.origin_region_code, t.commodity_code, ${week('t.departure_date', 'l.origin_region_code')},
           'deliveredOut', t.quantity
      FROM trades t JOIN supply_listings l ON l.id = t.supply_listing_id
     WHERE t.status IN ('delivered', 'completed')
    UNION ALL
    SELECT d.destination_region_code, t.commodity_code, ${week('t.arrival_date', 'd.destination_region_code')},
           'deliveredIn', t.received_quantity
      FROM trades t JOIN demand_requests d ON d.id = t.demand_request_id
     WHERE t.status IN ('delivered', 'completed')`);
  const counts = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const province = row.place.slice(0, 2);
    const places =
      row.place === province
        ? [['province', province]]
        : [
            ['regency', row.place],
            ['province', province],
          ];
    for (const [level, code] of places) {
      const key = `${level}|${code}|${row.commodity}|${row.week}`;
      const cell = counts.get(key) ?? {};
      cell[row.measure] = (cell[row.measure] ?? 0) + Number(row.quantity);
      counts.set(key, cell);
    }
  }
  for (const [key, cell] of counts) {
    if (Object.values(cell).every((v) => v === 0)) counts.delete(key);
  }
  return counts;
}

const MEASURES = [
  'supplyPosted',
  'demandPosted',
  'proposedIn',
  'proposedOut',
  'confirmedIn',
  'confirmedOut',
  'deliveredIn',
  'deliveredOut',
] as const;

type Row = Record<string, string | number>;

jest.setTimeout(240_000);

describe('regional balance (neraca), e2e on generated trade', () => {
  let api: TestApi;
  let office: Party;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    office = await registerParty(api.http, { type: 'government', regionCode: '21.71' });
  });
  afterAll(() => api.close());

  /** Every row of the endpoint at one level, page by page (small pages: the cursor is exercised). */
  async function allRows(path: string, query: Record<string, string>): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | undefined;
    do {
      const res = await api.http
        .get(path)
        .query({ ...query, limit: '7', ...(cursor ? { cursor } : {}) })
        .set(office.auth)
        .expect(200);
      rows.push(...(res.body.items as Row[]));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  }

  async function endpointCounts(): Promise<Map<string, Record<string, number>>> {
    const counts = new Map<string, Record<string, number>>();
    for (const level of ['province', 'regency']) {
      for (const row of await allRows('/api/v1/balance', { level })) {
        const cell: Record<string, number> = {};
        for (const m of MEASURES) if (row[m] !== 0) cell[m] = row[m] as number;
        counts.set(`${row.level}|${row.regionCode}|${row.commodityCode}|${row.weekStart}`, cell);
        expect(row.surplus).toBe((row.supplyPosted as number) - (row.demandPosted as number));
      }
    }
    return counts;
  }

  const settled = () =>
    waitFor(
      async () => {
        const [{ pending }] = await api.dataSource.query<{ pending: string }[]>(
          `SELECT count(*) AS pending FROM outbox_events WHERE processed_at IS NULL`,
        );
        return pending === '0';
      },
      { timeoutMs: 60_000, what: 'every domain event projected' },
    );

  const sparse = (counts: Map<string, Record<string, number>>) =>
    new Map(
      [...counts].map(([key, cell]) => [
        key,
        Object.fromEntries(Object.entries(cell).filter(([, v]) => v !== 0)),
      ]),
    );

  it('equals a direct SQL count over regions of both levels, weeks and commodities, also after an event is delivered twice and after a rebuild', async () => {
    const malang = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const kediri = await registerParty(api.http, { type: 'cooperative', regionCode: '35.06' });
    const karo = await registerParty(api.http, { type: 'cooperative', regionCode: '12.06' });
    const makassar = await registerParty(api.http, { type: 'cooperative', regionCode: '73.71' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const jakarta = await registerParty(api.http, { type: 'procurement', regionCode: '31.71' });

    const post = async (party: Party, path: string, body: object) =>
      (await api.http.post(path).set(party.auth).send(body).expect(201)).body as { id: string };
    // Supply in three weeks, four regencies in three provinces (WIB and WITA), two commodities.
    await post(malang, '/api/v1/supply-listings', aListing({ quantity: 5000 }));
    await post(
      kediri,
      '/api/v1/supply-listings',
      aListing({
        originRegionCode: '35.06',
        quantity: 2000,
        availableFrom: daysFromNow(8),
        availableUntil: daysFromNow(12),
      }),
    );
    await post(
      karo,
      '/api/v1/supply-listings',
      aListing({ originRegionCode: '12.06', quantity: 4000, pricePerUnit: 30000 }),
    );
    await post(
      makassar,
      '/api/v1/supply-listings',
      aListing({
        originRegionCode: '73.71',
        commodityCode: SHALLOT,
        grade: 'I',
        quantity: 3000,
        pricePerUnit: 25000,
        availableFrom: daysFromNow(15),
        availableUntil: daysFromNow(18),
      }),
    );
    const withdrawn = await post(
      malang,
      '/api/v1/supply-listings',
      aListing({
        commodityCode: SHALLOT,
        quantity: 900,
        pricePerUnit: 20000,
        availableFrom: daysFromNow(2),
      }),
    );
    await api.http
      .post(`/api/v1/supply-listings/${withdrawn.id}/withdraw`)
      .set(malang.auth)
      .expect(200);
    // Demand in two destinations and weeks.
    await post(batam, '/api/v1/demand-requests', aRequest({ quantity: 3000 }));
    const edited = await post(
      jakarta,
      '/api/v1/demand-requests',
      aRequest({ destinationRegionCode: '31.71', quantity: 2500, deliverBy: daysFromNow(20) }),
    );
    await api.http
      .patch(`/api/v1/demand-requests/${edited.id}`)
      .set(jakarta.auth)
      .send({ quantity: 2600 })
      .expect(200);
    // Wanted from next week, deliverable for two more: next week's demand, not the week after's.
    await post(
      batam,
      '/api/v1/demand-requests',
      aRequest({ quantity: 700, deliverFrom: daysFromNow(7), deliverBy: daysFromNow(21) }),
    );
    await post(
      batam,
      '/api/v1/demand-requests',
      aRequest({
        commodityCode: SHALLOT,
        minGrade: 'II',
        quantity: 1000,
        maxPricePerUnit: 60000,
        deliverBy: daysFromNow(25),
      }),
    );

    const matching = api.app.get(MatchingService);
    await matching.reoptimize(CHILI);
    await matching.reoptimize(SHALLOT);
    const proposals = (
      await api.http.get('/api/v1/matches?status=proposed').set(batam.auth).expect(200)
    ).body.items as {
      id: string;
      supplierOrganizationId?: string;
      counterparty: { organizationId: string };
    }[];
    expect(proposals.length).toBeGreaterThan(0);
    // Confirm one proposal into Batam, then ship and deliver it short.
    const first = proposals[0];
    const supplier = [malang, kediri, karo, makassar].find(
      (p) => p.organization.id === first.counterparty.organizationId,
    )!;
    await api.http.post(`/api/v1/matches/${first.id}/accept`).set(supplier.auth).expect(200);
    await api.http.post(`/api/v1/matches/${first.id}/accept`).set(batam.auth).expect(200);
    const trade = (await api.http.get(`/api/v1/trades`).set(batam.auth).expect(200)).body
      .items[0] as { id: string; quantityDelivered: number };
    await api.http
      .patch(`/api/v1/trades/${trade.id}`)
      .set(supplier.auth)
      .send({ status: 'shipped' })
      .expect(200);
    await api.http
      .patch(`/api/v1/trades/${trade.id}`)
      .set(batam.auth)
      .send({
        status: 'delivered',
        receivedQuantity: trade.quantityDelivered - 100,
        gradeOnArrival: 'II',
      })
      .expect(200);
    await settled();

    const direct = sparse(await directRegionCounts(api));
    expect(direct.size).toBeGreaterThanOrEqual(8);
    expect([...direct.keys()].some((k) => k.startsWith('regency|'))).toBe(true);
    expect([...direct.values()].some((c) => (c.deliveredIn ?? 0) > 0)).toBe(true);
    expect(
      [...direct.values()].some((c) => (c.proposedIn ?? 0) > 0 || (c.confirmedIn ?? 0) > 0),
    ).toBe(true);
    expect(await endpointCounts()).toEqual(direct);

    // A re-delivered event (BullMQ is at-least-once) changes nothing.
    const [confirmed] = await api.dataSource.query<
      {
        id: string;
        type: string;
        aggregate_type: string;
        aggregate_id: string;
        payload: object;
        created_at: Date;
      }[]
    >(
      `SELECT * FROM outbox_events WHERE type = 'match.confirmed' ORDER BY created_at DESC LIMIT 1`,
    );
    const bus = api.app.get(DomainEventBus);
    for (let i = 0; i < 2; i++) {
      await bus.publish({
        eventId: confirmed.id,
        type: confirmed.type,
        aggregateType: confirmed.aggregate_type,
        aggregateId: confirmed.aggregate_id,
        data: confirmed.payload,
        correlationId: null,
        occurredAt: confirmed.created_at.toISOString(),
      } as RelayedEvent);
    }
    expect(await endpointCounts()).toEqual(direct);

    // A rebuild from the base tables gives the same numbers as the events did.
    const outcome = await api.app.get(BalanceStore).rebuild();
    expect(outcome.regionCells).toBe(direct.size);
    expect(await endpointCounts()).toEqual(direct);

    // Flows: the confirmed trade, at both levels, in tonnes and units.
    const flows = await allRows('/api/v1/balance/flows', { level: 'regency', regionCode: '21.71' });
    const flow = flows.find((f) => (f.confirmedQuantity as number) > 0)!;
    expect(flow).toMatchObject({
      destinationCode: '21.71',
      confirmedQuantity: trade.quantityDelivered,
      deliveredQuantity: trade.quantityDelivered - 100,
    });
    expect(flow.confirmedTonnes).toBe(trade.quantityDelivered / 1000);
    const provinceFlows = await allRows('/api/v1/balance/flows', {
      level: 'province',
      regionCode: '21',
    });
    expect(
      provinceFlows.find(
        (f) => f.originCode === (flow.originCode as string).slice(0, 2) && f.week === flow.week,
      ),
    ).toMatchObject({
      destinationCode: '21',
      confirmedQuantity: trade.quantityDelivered,
    });
  });

  it('filters by region (a province lists its regencies), commodity and week range', async () => {
    const jatim = await allRows('/api/v1/balance', { regionCode: '35', level: 'regency' });
    expect(jatim.length).toBeGreaterThan(0);
    expect(
      jatim.every((r) => (r.regionCode as string).startsWith('35.') && r.level === 'regency'),
    ).toBe(true);
    const own = await allRows('/api/v1/balance', { regionCode: '35.07' });
    expect(own.every((r) => r.regionCode === '35.07')).toBe(true);
    const weeks = [...new Set(jatim.map((r) => r.week as string))].sort();
    const narrowed = await allRows('/api/v1/balance', {
      level: 'regency',
      regionCode: '35',
      from: weeks[0],
      to: weeks[0],
      commodityCode: CHILI,
    });
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed).toEqual(jatim.filter((r) => r.week === weeks[0] && r.commodityCode === CHILI));
    const makassar = await allRows('/api/v1/balance', { regionCode: '73.71' });
    expect(makassar.every((r) => r.timeZone === 'WITA')).toBe(true);
  });

  it('exports the same rows as CSV, with Indonesian headers, by ?format=csv or Accept: text/csv', async () => {
    const query = { level: 'regency', limit: '50' };
    const json = (await api.http.get('/api/v1/balance').query(query).set(office.auth).expect(200))
      .body.items as Row[];
    const byFormat = await api.http
      .get('/api/v1/balance')
      .query({ ...query, format: 'csv' })
      .set(office.auth)
      .expect(200);
    const byAccept = await api.http
      .get('/api/v1/balance')
      .query(query)
      .set(office.auth)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(byFormat.headers['content-type']).toMatch(/^text\/csv/);
    expect(byAccept.text).toBe(byFormat.text);
    const csv = parseCsv(byFormat.text);
    expect(Object.keys(csv[0])).toEqual(BALANCE_CSV_COLUMNS.map(([h]) => h));
    expect(csv).toHaveLength(json.length);
    csv.forEach((line, i) => {
      expect(line['Kode wilayah']).toBe(json[i].regionCode);
      expect(line['Minggu (ISO)']).toBe(json[i].week);
      expect(Number(line['Pasokan ditawarkan'])).toBe(json[i].supplyPosted);
      expect(Number(line['Permintaan diajukan'])).toBe(json[i].demandPosted);
      expect(Number(line['Dikonfirmasi masuk'])).toBe(json[i].confirmedIn);
      expect(Number(line['Diterima masuk'])).toBe(json[i].deliveredIn);
      expect(Number(line['Surplus (+) / defisit (-)'])).toBe(json[i].surplus);
    });
    // Paged like the JSON: the cursor of the next page in a header.
    const small = await api.http
      .get('/api/v1/balance')
      .query({ level: 'regency', limit: '2', format: 'csv' })
      .set(office.auth)
      .expect(200);
    const jsonSmall = (
      await api.http
        .get('/api/v1/balance')
        .query({ level: 'regency', limit: '2' })
        .set(office.auth)
        .expect(200)
    ).body;
    expect(small.headers['x-next-cursor']).toBe(jsonSmall.nextCursor);
  });

  it.each([
    [{ level: 'city' }, 'level'],
    [{ regionCode: '99.99' }, 'regionCode'],
    [{ regionCode: 'Batam' }, 'regionCode'],
    [{ regionCode: '35.07', level: 'province' }, 'level'],
    [{ commodityCode: 'durian_montong' }, 'commodityCode'],
    [{ from: '2026-W60' }, 'from'],
    [{ from: 'last week' }, 'from'],
    [{ from: '2026-W49', to: '2026-W40' }, 'to'],
    [{ limit: '500' }, 'limit'],
    [{ cursor: 'bm9wZQ' }, 'cursor'],
    [{ format: 'xlsx' }, 'format'],
  ])('refuses %j with a 400 naming %s', async (query, field) => {
    for (const path of ['/api/v1/balance', '/api/v1/balance/flows']) {
      const res = await api.http.get(path).query(query).set(office.auth).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('is read by government and procurement offices, not by cooperatives or traders', async () => {
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '31.71' });
    await api.http.get('/api/v1/balance').set(buyer.auth).expect(200);
    for (const type of ['cooperative', 'trader'] as const) {
      const party = await registerParty(api.http, { type, regionCode: '35.07' });
      await api.http.get('/api/v1/balance').set(party.auth).expect(403);
      await api.http.get('/api/v1/balance/flows').set(party.auth).expect(403);
    }
    await api.http.get('/api/v1/balance').expect(401);
  });
});
