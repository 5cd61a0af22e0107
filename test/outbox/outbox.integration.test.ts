import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { loadConfig } from '../../src/config/app-config';
import { OutboxRelay } from '../../src/outbox/outbox.relay';
import { jobIds, QUEUES } from '../../src/queue/job-catalog';
import { startApi, startWorker, TestApi, withEnv } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { failForGood, fileQueue } from '../support/failed-jobs';
import { TcpGate } from '../support/tcp-gate';
import { waitFor } from '../support/wait';

interface EventRow {
  id: string;
  type: string;
  aggregate_id: string;
  published_at: Date | null;
  correlation_id: string | null;
}

describe('transactional outbox', () => {
  let api: TestApi;
  let coop: Party;
  let buyer: Party;

  const eventsOf = (aggregateIds: string[]): Promise<EventRow[]> =>
    api.dataSource.query(
      `SELECT id, type, aggregate_id, published_at, correlation_id FROM outbox_events
        WHERE aggregate_id = ANY($1) ORDER BY created_at, id`,
      [aggregateIds],
    );

  beforeAll(async () => {
    api = await startApi();
    coop = await registerParty(api.http, { type: 'cooperative' });
    buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
  });
  afterAll(() => api.close());

  it('writes one event per change, in the same transaction, with the correlation id', async () => {
    const listing = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .set('x-correlation-id', 'trace-outbox-0001')
      .send(aListing())
      .expect(201);
    const id = listing.body.id as string;
    await api.http
      .patch(`/api/v1/supply-listings/${id}`)
      .set(coop.auth)
      .send({ pricePerUnit: 30000 })
      .expect(200);
    await api.http.post(`/api/v1/supply-listings/${id}/withdraw`).set(coop.auth).expect(200);
    const request = await api.http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .send(aRequest())
      .expect(201);
    await api.http
      .post(`/api/v1/demand-requests/${request.body.id}/withdraw`)
      .set(buyer.auth)
      .expect(200);

    const events = await eventsOf([id, request.body.id]);
    expect(events.map((e) => e.type)).toEqual([
      'supply_listing.created',
      'supply_listing.updated',
      'supply_listing.withdrawn',
      'demand_request.created',
      'demand_request.withdrawn',
    ]);
    expect(events[0].correlation_id).toBe('trace-outbox-0001');

    // A rejected change writes no event.
    await api.http
      .patch(`/api/v1/supply-listings/${id}`)
      .set(coop.auth)
      .send({ quantity: 1 })
      .expect(409);
    expect(await eventsOf([id])).toHaveLength(3);
  });

  it('accepts writes while Redis is unreachable and publishes them once, when Redis is back', async () => {
    // An API whose Redis points at a closed port: writes must not depend on Redis at all.
    const offline = await withEnv({ REDIS_URL: 'redis://127.0.0.1:6399' }, () => startApi());
    let worker: INestApplicationContext | undefined;
    try {
      const ready = await offline.http.get('/health/ready').expect(503);
      expect(ready.body.checks.redis.status).toBe('down');

      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await offline.http
          .post('/api/v1/supply-listings')
          .set(coop.auth)
          .send(aListing({ quantity: 1000 + i }))
          .expect(201);
        ids.push(res.body.id);
      }
      // A relay that cannot reach Redis either fails fast and leaves every event unpublished.
      const blindRelay = new OutboxRelay(
        {
          ...loadConfig(),
          redisUrl: 'redis://127.0.0.1:6399',
        },
        api.dataSource,
      );
      await expect(blindRelay.drain()).rejects.toThrow();
      await blindRelay.onModuleDestroy();
      expect((await eventsOf(ids)).every((e) => e.published_at === null)).toBe(true);

      worker = await startWorker();
      // Listing events travel in the market lane.
      const queue = worker.get<Queue>(getQueueToken(QUEUES.marketEvents));
      const published = await waitFor(
        async () => {
          const rows = await eventsOf(ids);
          return rows.every((e) => e.published_at !== null) && rows;
        },
        { what: 'events to be published' },
      );
      for (const event of published) {
        const job = await queue.getJob(`event-${event.id}`);
        expect(job?.data).toMatchObject({
          eventId: event.id,
          type: 'supply_listing.created',
          aggregateId: event.aggregate_id,
        });
      }

      // Replay: pretend the relay crashed after adding but before stamping. Re-publishing adds
      // nothing new, because the job id is the event id: each event keeps its one job, which
      // was created and processed once (other tests' jobs may come and go meanwhile).
      const snapshot = async () =>
        Promise.all(
          published.map(async (e) => {
            const job = await queue.getJob(`event-${e.id}`);
            return {
              id: job?.id,
              created: job?.timestamp,
              processed: job?.processedOn,
              attempts: job?.attemptsMade,
            };
          }),
        );
      // Take the first snapshot once every job has finished (attemptsMade moves at the end).
      const before = await waitFor(
        async () => {
          const jobs = await Promise.all(published.map((e) => queue.getJob(`event-${e.id}`)));
          return jobs.every((job) => job?.finishedOn !== undefined) && snapshot();
        },
        { what: 'the relayed jobs to finish' },
      );
      await api.dataSource.query(
        `UPDATE outbox_events SET published_at = NULL WHERE id = ANY($1)`,
        [published.map((e) => e.id)],
      );
      await waitFor(async () => (await eventsOf(ids)).every((e) => e.published_at !== null), {
        what: 'replayed events to be stamped again',
      });
      expect(await snapshot()).toEqual(before);
    } finally {
      await worker?.close();
      await offline.close();
    }
  });

  it('lets two relays drain one outbox at once without publishing any event twice', async () => {
    // Two relays that only run when told to (not bootstrapped: no LISTEN, no polling), each with
    // its own queue connection, draining the same pending events at the same moment. Every job
    // each one hands to BullMQ is counted here, before BullMQ's job-id dedupe could hide a
    // second add, and every stamp of published_at is counted by a trigger.
    const config = loadConfig();
    const relays = [
      new OutboxRelay(config, api.dataSource),
      new OutboxRelay(config, api.dataSource),
    ];
    const handedOver: string[][] = relays.map(() => []);
    relays.forEach((relay, i) => {
      // Both lanes' queues (requests' events travel in the market lane).
      for (const queue of Object.values(
        (relay as unknown as { queues: Record<string, Queue> }).queues,
      )) {
        const addBulk = queue.addBulk.bind(queue);
        jest.spyOn(queue, 'addBulk').mockImplementation((jobs) => {
          handedOver[i].push(...jobs.map((job) => (job.data as { eventId: string }).eventId));
          return addBulk(jobs);
        });
      }
    });
    await api.dataSource.query(`
      CREATE TABLE IF NOT EXISTS test_outbox_stamps (event_id uuid NOT NULL, at timestamptz NOT NULL);
      CREATE OR REPLACE FUNCTION test_outbox_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO test_outbox_stamps VALUES (NEW.id, NEW.published_at);
        RETURN NEW;
      END $$;
      DROP TRIGGER IF EXISTS test_outbox_stamp ON outbox_events;
      CREATE TRIGGER test_outbox_stamp AFTER UPDATE OF published_at ON outbox_events
        FOR EACH ROW WHEN (NEW.published_at IS NOT NULL) EXECUTE FUNCTION test_outbox_stamp();`);
    try {
      for (let round = 0; round < 3; round++) {
        const ids: string[] = [];
        for (let i = 0; i < 40; i++) {
          const res = await api.http
            .post('/api/v1/demand-requests')
            .set(buyer.auth)
            .send(aRequest({ quantity: 100 + i }))
            .expect(201);
          ids.push(res.body.id);
        }
        const events = await eventsOf(ids);
        expect(events).toHaveLength(40);
        expect(events.every((e) => e.published_at === null)).toBe(true); // no relay runs yet
        const eventIds = events.map((e) => e.id);

        const results = await Promise.all(relays.map((relay) => relay.drain()));
        expect((await eventsOf(ids)).every((e) => e.published_at !== null)).toBe(true);

        // Each event went to the queue once, by one relay, and was stamped once.
        const ours = handedOver.flat().filter((id) => eventIds.includes(id));
        expect(ours.sort()).toEqual([...eventIds].sort());
        expect(results[0] + results[1]).toBeGreaterThanOrEqual(40);
        const stamps: { event_id: string; n: number }[] = await api.dataSource.query(
          `SELECT event_id, count(*)::int AS n FROM test_outbox_stamps
            WHERE event_id = ANY($1) GROUP BY event_id`,
          [eventIds],
        );
        expect(stamps).toHaveLength(40);
        expect(stamps.filter((s) => s.n !== 1)).toEqual([]);
        const queue = (relays[0] as unknown as { queues: Record<string, Queue> }).queues[
          QUEUES.marketEvents
        ];
        const jobs = await Promise.all(eventIds.map((id) => queue.getJob(`event-${id}`)));
        expect(jobs.every((job) => job !== undefined)).toBe(true);
      }
    } finally {
      await api.dataSource.query(`DROP TRIGGER IF EXISTS test_outbox_stamp ON outbox_events;
        DROP FUNCTION IF EXISTS test_outbox_stamp(); DROP TABLE IF EXISTS test_outbox_stamps;`);
      await Promise.all(relays.map((relay) => relay.onModuleDestroy()));
    }
  });
  /*
   * Regression: a LISTEN attempt that failed was never tried again when pg rejected connect() or
   * the LISTEN query before it emitted 'end' (a refused connection; a reconnection killed before
   * its LISTEN ran, as postgres-drop's later kill rounds can do), so the relay fell back to
   * polling for the rest of its life and every event waited up to a poll interval. It now
   * retries with a growing delay until it listens.
   */
  it('keeps trying to LISTEN while the database refuses it, at boot and after losing it', async () => {
    const config = loadConfig();
    const target = new URL(config.databaseUrl);
    const gate = await TcpGate.start({ host: target.hostname, port: Number(target.port || 5432) });
    // Named in the URL (which pg lets override the relay's application_name): the server side
    // can then tell this relay's connections apart, behind a proxy too.
    const url = new URL(gate.urlFor(config.databaseUrl));
    url.searchParams.set('application_name', 'outbox-listen-test');
    const relay = new OutboxRelay({ ...config, databaseUrl: url.toString() }, api.dataSource);
    /** The pids of LISTEN connections the relay holds. */
    const listening = async (): Promise<number[]> => {
      const rows: { pid: number }[] = await api.dataSource.query(
        `SELECT pid FROM pg_stat_activity
          WHERE application_name = 'outbox-listen-test' AND query ILIKE 'LISTEN%' AND state = 'idle'`,
      );
      return rows.map((row) => row.pid);
    };
    // Attempts refused by the shut gate, as the relay reports them.
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const refused = () =>
      warn.mock.calls.filter(
        ([fields, message]) =>
          message === 'outbox LISTEN unavailable; polling meanwhile' &&
          String((fields as { reason?: string }).reason).includes('ECONNREFUSED'),
      ).length;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      // Refused at boot, and again at the first retry (1 s later).
      await gate.shut();
      await relay.onApplicationBootstrap();
      await waitFor(() => refused() >= 2, { what: 'a refused retry after a refused boot' });
      await gate.open();
      const [pid] = await waitFor(async () => (await listening()).length === 1 && listening(), {
        what: 'the relay to LISTEN once the database takes connections',
      });

      // Lost while the database refuses connections: the first reconnection is refused too.
      await gate.shut();
      const before = refused();
      await api.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      await waitFor(() => refused() > before, { what: 'a refused reconnection' });
      await gate.open();
      const again = await waitFor(async () => (await listening()).length >= 1 && listening(), {
        what: 'the relay to LISTEN again',
      });
      expect(again).toHaveLength(1);
      expect(again[0]).not.toBe(pid);

      // Closed while a reconnection is due: it holds no connection and opens none.
      await api.dataSource.query('SELECT pg_terminate_backend($1)', [again[0]]);
      await waitFor(async () => (await listening()).length === 0, {
        what: 'the LISTEN connection to be gone',
      });
      await relay.onModuleDestroy();
      await pause(2500);
      expect(await listening()).toEqual([]);
    } finally {
      warn.mockRestore();
      await relay.onModuleDestroy();
      await gate.close();
    }
  });
  /*
   * Regression: an event whose job BullMQ had failed for good (out of attempts during a database
   * outage longer than the backoff, or stalled past the limit) was never handled. The relay
   * re-relayed it after RECOVERY_AFTER_MS, but under the same job id, which BullMQ ignores while
   * the failed job exists (a week): its notifications and re-optimisation were lost meanwhile.
   */
  it('revives an event whose job failed for good when the event is relayed again', async () => {
    const config = loadConfig();
    const listing = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing())
      .expect(201);
    // The relay runs in the workers; none runs yet, so this one publishes and the job waits.
    const relay = new OutboxRelay(config, api.dataSource);
    await relay.drain();
    const [event] = await eventsOf([listing.body.id as string]);
    expect(event.published_at).not.toBeNull();
    const jobId = jobIds.domainEvent(event.id);
    const queue = fileQueue(QUEUES.marketEvents);
    let worker: INestApplicationContext | undefined;
    try {
      await failForGood(QUEUES.marketEvents, jobId);

      // Due for recovery: relayed long ago, never processed.
      await api.dataSource.query(
        `UPDATE outbox_events SET published_at = now() - interval '1 day' WHERE id = $1`,
        [event.id],
      );
      await relay.drain();
      expect(await queue.getJobState(jobId)).toBe('waiting');
      expect((await queue.getJob(jobId))?.attemptsMade).toBe(0);

      worker = await startWorker();
      await waitFor(
        async () => {
          const [row] = await api.dataSource.query<{ processed_at: Date | null }[]>(
            `SELECT processed_at FROM outbox_events WHERE id = $1`,
            [event.id],
          );
          return row.processed_at !== null;
        },
        { what: 'the revived event to be handled' },
      );
      expect(await queue.getJobState(jobId)).toBe('completed');
    } finally {
      await worker?.close();
      await relay.onModuleDestroy();
      await queue.close();
    }
  });
});
