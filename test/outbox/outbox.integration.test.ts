import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { loadConfig } from '../../src/config/app-config';
import { OutboxRelay } from '../../src/outbox/outbox.relay';
import { QUEUES } from '../../src/queue/job-catalog';
import { startApi, startWorker, TestApi, withEnv } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
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
      const queue = worker.get<Queue>(getQueueToken(QUEUES.events));
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

  it('lets two relays drain one outbox without publishing any event twice', async () => {
    const workers = [await startWorker(), await startWorker()];
    try {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await api.http
          .post('/api/v1/demand-requests')
          .set(buyer.auth)
          .send(aRequest({ quantity: 100 + i }))
          .expect(201);
        ids.push(res.body.id);
      }
      const results = await Promise.all(workers.map((w) => w.get(OutboxRelay).drain()));
      await waitFor(async () => (await eventsOf(ids)).every((e) => e.published_at !== null), {
        what: 'all published',
      });
      const queue = workers[0].get<Queue>(getQueueToken(QUEUES.events));
      const events = await eventsOf(ids);
      const jobs = await Promise.all(events.map((e) => queue.getJob(`event-${e.id}`)));
      expect(jobs.every((job) => job !== undefined)).toBe(true);
      expect(results.every((n) => n >= 0)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });
});
