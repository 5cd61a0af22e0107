import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { MatchingEngineRunner } from '../../src/matching/matching-engine.runner';
import { MatchingService } from '../../src/matching/matching.service';
import { TransportNetworkProvider } from '../../src/reference/transport-network.provider';
import { OutboxWriter } from '../../src/outbox/outbox.writer';
import { ReferenceService } from '../../src/reference/reference.service';
import { clearMarket } from '../support/market';

const COMMODITY = 'cabai_merah_keriting';
const SIZE = 10_000;

/**
 * A national market of one commodity: 10,000 open listings and 10,000 open requests, seeded in
 * SQL. Each listing i can serve only request i (disjoint one-hour windows a day apart, Malang to
 * Kota Malang by road), so the engine's part stays cheap while the run must still write 10,000
 * proposals and their 10,000 outbox events: far past PostgreSQL's 65,535 bind parameters for a
 * single multi-row INSERT (18 a proposal). The engine and the writes are the code of a real run;
 * only the relay is left out (nothing here publishes the events, and they are marked published
 * afterwards so no later test fans them out).
 */
describe('matching at national scale (integration, real PostgreSQL)', () => {
  let dataSource: DataSource;
  let matching: MatchingService;
  let engine: MatchingEngineRunner;

  beforeAll(async () => {
    const config = loadConfig();
    dataSource = await new DataSource(
      dataSourceOptions({ databaseUrl: config.databaseUrl }),
    ).initialize();
    const reference = new ReferenceService(dataSource);
    await reference.onModuleInit();
    engine = new MatchingEngineRunner(config);
    matching = new MatchingService(
      dataSource,
      config,
      reference,
      new TransportNetworkProvider(dataSource),
      engine,
      new OutboxWriter(),
    );
    await clearMarket(dataSource);
  });

  afterAll(async () => {
    await clearMarket(dataSource);
    await dataSource.query(
      `UPDATE outbox_events SET published_at = now() WHERE published_at IS NULL`,
    );
    await engine.onModuleDestroy();
    await dataSource.destroy();
  });

  it('writes every proposal and its event when 10,000 listings meet 10,000 requests of one commodity', async () => {
    const [{ coop, office }] = await dataSource.query<{ coop: string; office: string }[]>(
      `WITH c AS (INSERT INTO organizations (name, type, region_code) VALUES ('Koperasi Skala', 'cooperative', '35.07') RETURNING id),
            o AS (INSERT INTO organizations (name, type, region_code) VALUES ('Dinas Skala', 'procurement', '35.73') RETURNING id)
       SELECT c.id AS coop, o.id AS office FROM c, o`,
    );
    // Day i: listing i is available for one hour from its start; request i wants delivery from
    // half an hour after it until 18 hours after it. Road transit is 6 hours and more, so listing i
    // reaches request i only (a later request's earliest departure is after the listing's window;
    // an earlier request's deadline is before the listing leaves).
    await dataSource.query(
      `INSERT INTO supply_listings (organization_id, commodity_code, grade, quantity, remaining_quantity,
                                    price_per_unit, origin_region_code, available_from, available_until)
       SELECT $1, $2, NULL, 1000, 1000, 30000, '35.07',
              now() + make_interval(days => i + 1), now() + make_interval(days => i + 1, hours => 1)
         FROM generate_series(1, $3) AS i`,
      [coop, COMMODITY, SIZE],
    );
    await dataSource.query(
      `INSERT INTO demand_requests (organization_id, commodity_code, min_grade, quantity, remaining_quantity,
                                    max_price_per_unit, destination_region_code, deliver_from, deliver_by,
                                    min_shelf_life_days_on_arrival)
       SELECT $1, $2, NULL, 500, 500, 60000, '35.73',
              now() + make_interval(days => i + 1, mins => 30), now() + make_interval(days => i + 1, hours => 18), 0
         FROM generate_series(1, $3) AS i`,
      [office, COMMODITY, SIZE],
    );

    const summary = await matching.reoptimize(COMMODITY);

    expect(summary).toMatchObject({ listings: SIZE, requests: SIZE, allocations: SIZE });
    const [{ proposals, events }] = await dataSource.query<{ proposals: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM matches WHERE commodity_code = $1 AND status = 'proposed'
                  AND buyer_organization_id = $2) AS proposals,
              (SELECT count(*)::int FROM outbox_events e JOIN matches m ON m.id = e.aggregate_id
                WHERE e.type = 'match.proposed' AND m.buyer_organization_id = $2) AS events`,
      [COMMODITY, office],
    );
    expect({ proposals, events }).toEqual({ proposals: SIZE, events: SIZE });
  }, 300_000);
});
