import { registerAdministrator } from '../support/admin';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

const CHILI = 'cabai_merah_keriting';

interface Band {
  position: 'below' | 'within' | 'above';
  differencePerUnit: number;
  differencePercent: number;
  low: number | null;
  high: number;
  kind: string;
  regulation: string;
}

interface Proposal {
  id: string;
  supplyListingId: string;
  landedCostPerUnit: number;
  pricePerUnit: number;
  referenceBand: { producer: Band | null; consumer: Band | null } | null;
}

/** The WIB calendar day: reference versions take effect by it. */
const wibToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

describe('reference prices (e2e, API and worker)', () => {
  let api: TestApi;
  let admin: Party;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    admin = await registerAdministrator(api);
  });
  afterAll(() => api.close());

  const proposalsOf = async (party: Party, requestId: string) =>
    (
      await api.http
        .get(`/api/v1/matches?demandRequestId=${requestId}&status=proposed`)
        .set(party.auth)
        .expect(200)
    ).body.items as Proposal[];

  const inbox = async (party: Party, type: string) =>
    (
      await api.http.get('/api/v1/notifications?limit=100').set(party.auth).expect(200)
    ).body.items.filter((n: { type: string }) => n.type === type) as {
      data: Record<string, unknown>;
    }[];

  it('shows each proposal against the band, keeps every version an administrator enters, and never proposes a capped buyer above the ceiling', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const open = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const capped = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });

    const cheap = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ quantity: 1000, pricePerUnit: 30000 }))
        .expect(201)
    ).body;
    const dear = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ quantity: 1000, pricePerUnit: 45000 }))
        .expect(201)
    ).body;

    // A buyer without the policy is proposed both lots: the market itself would go above.
    const openRequest = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(open.auth)
        .send(aRequest({ quantity: 1900, maxPricePerUnit: 150000 }))
        .expect(201)
    ).body;
    const both = await waitFor(
      async () => {
        const items = await proposalsOf(open, openRequest.id);
        return new Set(items.map((p) => p.supplyListingId)).size === 2 && items;
      },
      { what: 'proposals of both lots to the open buyer' },
    );
    const ofCheap = both.find((p) => p.supplyListingId === cheap.id)!;
    const ofDear = both.find((p) => p.supplyListingId === dear.id)!;
    expect(ofDear.landedCostPerUnit).toBeGreaterThan(ofCheap.landedCostPerUnit);

    // Producer level at Malang (HAP Rp 22.000-29.600, Perbadan 11/2022): both asking prices above.
    expect(ofCheap.referenceBand!.producer).toMatchObject({
      position: 'above',
      differencePerUnit: 400,
      differencePercent: 1.4,
      low: 22000,
      high: 29600,
      kind: 'HAP',
      regulation: 'Perbadan 11/2022',
    });
    expect(ofDear.referenceBand!.producer).toMatchObject({
      position: 'above',
      differencePerUnit: 15400,
      differencePercent: 52,
    });
    // Consumer level at Batam (HAP Rp 37.000-55.000): the landed cost, judged as computed.
    for (const p of both) {
      const consumer = p.referenceBand!.consumer!;
      expect(consumer).toMatchObject({ low: 37000, high: 55000 });
      const landed = p.landedCostPerUnit;
      const expected =
        landed < 37000
          ? { position: 'below', differencePerUnit: landed - 37000 }
          : landed > 55000
            ? { position: 'above', differencePerUnit: landed - 55000 }
            : { position: 'within', differencePerUnit: 0 };
      expect(consumer).toMatchObject(expected);
      expect(consumer.differencePercent).toBe(
        expected.differencePerUnit === 0
          ? 0
          : Math.round((expected.differencePerUnit / (landed < 37000 ? 37000 : 55000)) * 1000) / 10,
      );
    }
    await api.http
      .post(`/api/v1/demand-requests/${openRequest.id}/withdraw`)
      .set(open.auth)
      .expect(200);

    // An administrator enters a new consumer HAP between the two landed costs, in force today.
    const ceiling = Math.floor((ofCheap.landedCostPerUnit + ofDear.landedCostPerUnit) / 2);
    const version = {
      commodityCode: CHILI,
      zoneCode: 'nasional',
      level: 'consumer',
      kind: 'HAP',
      lowPerUnit: 37000,
      highPerUnit: ceiling,
      effectiveFrom: wibToday(),
      regulation: 'test: revised HAP',
      source: 'entered by the e2e test',
    };
    await api.http.post('/api/v1/admin/price-references').set(coop.auth).send(version).expect(404);
    await api.http
      .post('/api/v1/admin/price-references')
      .set(admin.auth)
      .send({ ...version, lowPerUnit: ceiling + 1 })
      .expect(400);
    const created = await api.http
      .post('/api/v1/admin/price-references')
      .set(admin.auth)
      .send(version)
      .expect(201);
    expect(created.body).toMatchObject({
      highPerUnit: ceiling,
      inForce: true,
      createdBy: admin.user.id,
    });
    const audit = (await api.http.get('/api/v1/admin/audit-log').set(admin.auth).expect(200)).body
      .items as { action: string; targetId: string }[];
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'price_reference.created', targetId: created.body.id }),
    );
    // Never overwritten: the same version again is a conflict, and the old one stays in history.
    await api.http
      .post('/api/v1/admin/price-references')
      .set(admin.auth)
      .send({ ...version, highPerUnit: ceiling + 5000 })
      .expect(409);
    const history = (
      await api.http
        .get(`/api/v1/price-references?commodityCode=${CHILI}&regionCode=21.71&limit=100`)
        .set(capped.auth)
        .expect(200)
    ).body.items as {
      level: string;
      highPerUnit: number;
      inForce: boolean;
      effectiveFrom: string;
    }[];
    const consumerVersions = history.filter((h) => h.level === 'consumer');
    expect(consumerVersions.map((h) => [h.highPerUnit, h.inForce])).toEqual([
      [ceiling, true],
      [55000, false],
    ]);

    // The capped buyer: only the lot that lands at or below the ceiling is proposed.
    await api.http
      .put('/api/v1/organizations/me/matching-preferences')
      .set(capped.auth)
      .send({ verifiedCounterpartsOnly: false, priceCeilingPolicy: 'reference_ceiling' })
      .expect(200, { verifiedCounterpartsOnly: false, priceCeilingPolicy: 'reference_ceiling' });
    const cappedRequest = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(capped.auth)
        .send(aRequest({ quantity: 1900, maxPricePerUnit: 150000 }))
        .expect(201)
    ).body;
    const proposed = await waitFor(
      async () => {
        const items = await proposalsOf(capped, cappedRequest.id);
        return items.length > 0 && items;
      },
      { what: 'a proposal to the capped buyer' },
    );
    // Let any further run settle, then look again: still nothing above the ceiling.
    await waitFor(
      async () =>
        (
          await api.dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM outbox_events WHERE processed_at IS NULL`,
          )
        )[0].n === '0',
      { what: 'the outbox drained' },
    );
    const settled = await proposalsOf(capped, cappedRequest.id);
    for (const p of [...proposed, ...settled]) {
      expect(p.supplyListingId).toBe(cheap.id);
      expect(p.landedCostPerUnit).toBeLessThanOrEqual(ceiling);
      expect(p.referenceBand!.consumer).toMatchObject({ position: 'within', high: ceiling });
    }
    const everCapped = await api.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM matches WHERE demand_request_id = $1 AND landed_cost_per_unit > $2`,
      [cappedRequest.id, ceiling],
    );
    expect(everCapped[0].n).toBe('0');

    // The why-not says so, in Bahasa Indonesia.
    const why = (
      await api.http
        .get(`/api/v1/demand-requests/${cappedRequest.id}/candidates`)
        .set(capped.auth)
        .expect(200)
    ).body.items as { counterpartId: string; rule?: string; message: string }[];
    const dearWhy = why.find((c) => c.counterpartId === dear.id)!;
    expect(dearWhy.rule).toBe('reference_ceiling');
    expect(dearWhy.message).toContain('melebihi batas harga acuan');
  });

  describe('price observations', () => {
    const day = (n: number) =>
      new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const steadyCsv = (region: string, days: number, price = 50000) =>
      ['region,commodity,date,price']
        .concat(
          Array.from({ length: days }, (_, i) => `${region},cabai_rawit_merah,${day(i)},${price}`),
        )
        .join('\n');
    const count = async (region: string) =>
      Number(
        (
          await api.dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM price_observations WHERE region_code = $1`,
            [region],
          )
        )[0].n,
      );

    it('refuses a file with bad rows, naming row and field, and imports nothing', async () => {
      const csv = [
        'region,commodity,date,price',
        '21.71,cabai_rawit_merah,2026-10-01,50000',
        '99.99,cabai_rawit_merah,2026-10-02,50000',
        '21.71,cabai_rawit_merah,2026-10-03,lima puluh',
        '21.71,cabai_rawit_merah,2026-02-30,50000',
      ].join('\n');
      await api.http
        .post('/api/v1/admin/price-observations')
        .set(admin.auth)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(400)
        .expect((res) => {
          expect(res.body.code).toBe('VALIDATION_FAILED');
          expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
            'row 2.region',
            'row 3.price',
            'row 4.date',
          ]);
        });
      expect(await count('21.71')).toBe(0);
      const coop = await registerParty(api.http, { type: 'cooperative' });
      await api.http
        .post('/api/v1/admin/price-observations')
        .set(coop.auth)
        .set('content-type', 'text/csv')
        .send(steadyCsv('21.71', 3))
        .expect(404); // administration is invisible to others
      expect(await count('21.71')).toBe(0);
    });

    it("imports a panel's rows once, and tells a spike once to the region's government and procurement offices", async () => {
      const batamGov = await registerParty(api.http, { type: 'government', regionCode: '21.71' });
      const riauGov = await registerParty(api.http, { type: 'government', regionCode: '21' });
      const batamBuyer = await registerParty(api.http, {
        type: 'procurement',
        regionCode: '21.71',
      });
      const malangBuyer = await registerParty(api.http, {
        type: 'procurement',
        regionCode: '35.07',
      });
      const batamCoop = await registerParty(api.http, { type: 'cooperative', regionCode: '21.71' });

      // 28 steady days, then 30 % above the median: as names, the way panels export them.
      const csv = `${steadyCsv('Kota Batam', 28).replace(/cabai_rawit_merah/g, 'Cabai rawit merah')}\nKota Batam,Cabai rawit merah,${day(28)},"Rp 65.000"`;
      const first = await api.http
        .post('/api/v1/admin/price-observations')
        .set(admin.auth)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(201);
      expect(first.body).toMatchObject({ received: 29, imported: 29, unchanged: 0 });
      expect(first.body.spikes).toEqual([
        {
          regionCode: '21.71',
          commodityCode: 'cabai_rawit_merah',
          observedOn: day(28),
          pricePerUnit: 65000,
          medianPerUnit: 50000,
          percentAboveMedian: 30,
        },
      ]);
      for (const office of [batamGov, riauGov, batamBuyer])
        await waitFor(async () => (await inbox(office, 'price.spike_detected')).length === 1, {
          what: 'the spike told to an office of the region',
        });

      // The same file again, as a multipart upload: nothing new, no second notice.
      const again = await api.http
        .post('/api/v1/admin/price-observations')
        .set(admin.auth)
        .attach('file', Buffer.from(csv), { filename: 'panel.csv', contentType: 'text/csv' })
        .expect(201);
      expect(again.body).toEqual({ received: 29, imported: 0, unchanged: 29, spikes: [] });
      // The spike goes on the next day: still the same spike.
      const next = await api.http
        .post('/api/v1/admin/price-observations')
        .set(admin.auth)
        .set('content-type', 'text/csv')
        .send(`region,commodity,date,price\n21.71,cabai_rawit_merah,${day(29)},66000`)
        .expect(201);
      expect(next.body).toMatchObject({ imported: 1, spikes: [] });
      // Another price for a stored day: a conflict, nothing stored.
      await api.http
        .post('/api/v1/admin/price-observations')
        .set(admin.auth)
        .set('content-type', 'text/csv')
        .send(
          `region,commodity,date,price\n21.71,cabai_rawit_merah,${day(30)},50000\n21.71,cabai_rawit_merah,${day(3)},51000`,
        )
        .expect(409)
        .expect((res) => expect(res.body.details[0].field).toBe('row 2.price'));
      expect(await count('21.71')).toBe(30);

      await waitFor(
        async () =>
          (
            await api.dataSource.query<{ n: string }[]>(
              `SELECT count(*) AS n FROM outbox_events WHERE processed_at IS NULL`,
            )
          )[0].n === '0',
        { what: 'the outbox drained' },
      );
      const told = await inbox(batamGov, 'price.spike_detected');
      expect(told).toHaveLength(1);
      expect(told[0].data).toMatchObject({ regionCode: '21.71', pricePerUnit: 65000 });
      expect(await inbox(batamBuyer, 'price.spike_detected')).toHaveLength(1);
      expect(await inbox(malangBuyer, 'price.spike_detected')).toHaveLength(0);
      expect(await inbox(batamCoop, 'price.spike_detected')).toHaveLength(0);
    });
  });
});
