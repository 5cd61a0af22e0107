import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DomainEventBus } from '../../src/outbox/domain-event.bus';
import { QUEUES, type DomainEventPayload } from '../../src/queue/job-catalog';
import { startApi, TestApi, withEnv } from '../support/app';
import { aListing, aRequest, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { WebhookReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

/**
 * A notification job that runs again (a retry after a crash, a duplicate delivery by BullMQ)
 * must add no inbox row and send no second webhook for the same event to the same endpoint.
 */
describe('exactly-once notifications (e2e)', () => {
  let api: TestApi;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    api = await withEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }, () => startApi('all'));
    await clearMarket(api.dataSource);
  });
  afterAll(async () => {
    await api.close();
    await receiver.stop();
  });

  it('replaying a match.proposed event three more times changes nothing', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http
      .post('/api/v1/webhooks')
      .set(buyer.auth)
      .send({ url: receiver.script('/once', [204]), eventTypes: ['match.proposed'] })
      .expect(201);
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'telur_ayam_ras', grade: 'I', pricePerUnit: 20000 }))
      .expect(201);
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(buyer.auth)
        .send(aRequest({ commodityCode: 'telur_ayam_ras', minGrade: 'II', maxPricePerUnit: 45000 }))
        .expect(201)
    ).body;
    await waitFor(() => receiver.on('/once').length === 1, { what: 'the first webhook' });

    const [row] = await api.dataSource.query(
      `SELECT o.id, o.type, o.aggregate_type, o.aggregate_id, o.payload, o.correlation_id, o.created_at
         FROM outbox_events o JOIN matches m ON m.id = o.aggregate_id
        WHERE o.type = 'match.proposed' AND m.demand_request_id = $1`,
      [request.id],
    );
    const event: DomainEventPayload = {
      eventId: row.id,
      type: row.type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      data: row.payload,
      correlationId: row.correlation_id,
      occurredAt: new Date(row.created_at).toISOString(),
    };
    const counts = async () =>
      (
        await api.dataSource.query(
          `SELECT (SELECT count(*) FROM notifications WHERE organization_id = ANY($1))::int AS inbox,
                  (SELECT count(*) FROM webhook_deliveries)::int AS deliveries`,
          [[coop.organization.id, buyer.organization.id]],
        )
      )[0];
    const before = await counts();
    const bus = api.app.get(DomainEventBus);
    await Promise.all([bus.publish(event), bus.publish(event), bus.publish(event)]);
    // Any wrongly queued delivery would be a webhook job for the buyer's organization: wait until
    // none of its deliveries has a job left to run (rather than for a fixed time), then count.
    // Other test files' endpoints may leave retries delayed for hours in the shared queue.
    const webhooks = api.app.get<Queue>(getQueueToken(QUEUES.webhooks));
    const mine = async () =>
      new Set(
        (
          await api.dataSource.query<{ id: string }[]>(
            `SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
              WHERE e.organization_id = $1`,
            [buyer.organization.id],
          )
        ).map((d) => d.id),
      );
    await waitFor(
      async () => {
        const ids = await mine();
        const jobs = await webhooks.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
        return jobs.every((job) => !ids.has((job.data as { deliveryId: string }).deliveryId));
      },
      { what: "the buyer's webhook jobs to be done" },
    );
    expect(await counts()).toEqual(before);
    expect(receiver.on('/once')).toHaveLength(1);
  });
});
