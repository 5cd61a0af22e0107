import type { INestApplicationContext } from '@nestjs/common';
import { jobIds, QUEUES } from '../../src/queue/job-catalog';
import { JobQueue } from '../../src/queue/job-queue';
import { RecoverySweeper } from '../../src/recovery.sweeper';
import { startApi, startWorker, TestApi, withEnv } from '../support/app';
import { registerParty } from '../support/factories';
import { failForGood } from '../support/failed-jobs';
import { waitFor } from '../support/wait';
import { WebhookReceiver } from '../support/webhook-receiver';

/*
 * Regression: a webhook delivery still pending whose job BullMQ had failed for good (stalled past
 * the limit, or an error outside the delivery attempt such as the database being down when the
 * last attempt gave up) was never sent. The recovery sweep handed it over again under the same
 * job id, which BullMQ ignores while the failed job exists (a week).
 */
describe('webhook recovery (e2e: API, worker, receiver)', () => {
  let api: TestApi;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    api = await withEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }, () => startApi());
  });
  afterAll(async () => {
    await api.close();
    await receiver.stop();
  });

  it('sends a pending delivery whose job had failed for good, once the sweep hands it over', async () => {
    const party = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const hook = (
      await api.http
        .post('/api/v1/webhooks')
        .set(party.auth)
        .send({ url: receiver.script('/recovered', [204]), eventTypes: ['match.proposed'] })
        .expect(201)
    ).body as { id: string };
    const eventId = '6f1d8c1e-4b7a-4c39-9f0e-2a1b3c4d5e6f';
    const [delivery] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, body)
       VALUES ($1, $2, 'match.proposed', $3) RETURNING id`,
      [
        hook.id,
        eventId,
        JSON.stringify({
          id: eventId,
          type: 'match.proposed',
          timestamp: new Date().toISOString(),
          data: {},
        }),
      ],
    );
    const jobId = jobIds.webhookDelivery(delivery.id);
    let worker: INestApplicationContext | undefined;
    try {
      await api.app.get(JobQueue).enqueueBulk('deliver-webhook', [{ deliveryId: delivery.id }]);
      await failForGood(QUEUES.webhooks, jobId);

      // Due for recovery: pending, untouched for a day.
      await api.dataSource.query(
        `UPDATE webhook_deliveries SET updated_at = now() - interval '1 day' WHERE id = $1`,
        [delivery.id],
      );
      worker = await startWorker();
      await worker.get(RecoverySweeper).sweep();
      await waitFor(() => receiver.on('/recovered').length === 1, {
        what: 'the recovered delivery to reach the receiver',
      });
      // The row is settled after the receiver answered.
      await waitFor(
        async () => {
          const [row] = await api.dataSource.query<{ status: string }[]>(
            `SELECT status FROM webhook_deliveries WHERE id = $1`,
            [delivery.id],
          );
          return row.status === 'succeeded';
        },
        { what: 'the delivery to be settled as succeeded' },
      );
      expect(receiver.on('/recovered')[0].headers['webhook-id']).toBe(eventId);
    } finally {
      await worker?.close();
    }
  });
});
