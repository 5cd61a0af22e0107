import type { INestApplicationContext } from '@nestjs/common';
import { ChannelRecoverySweeper } from '../../src/channels/channel-recovery.sweeper';
import { jobIds, QUEUES } from '../../src/queue/job-catalog';
import { JobQueue } from '../../src/queue/job-queue';
import { startApi, startWorker, TestApi, withEnv } from '../support/app';
import { ChannelFakes, startChannelFakes } from '../support/channels';
import { failForGood } from '../support/failed-jobs';
import { waitFor } from '../support/wait';

/*
 * The channel recovery sweep hands over again what its rows say is not done, and revives a job
 * BullMQ failed for good (`job-revival.ts`): here an inbound WhatsApp message still `received`.
 */
describe('channel recovery (e2e: API, worker, fake providers)', () => {
  let api: TestApi;
  let fakes: ChannelFakes;

  beforeAll(async () => {
    fakes = await startChannelFakes();
    api = await withEnv(fakes.env, () => startApi());
  });
  afterAll(async () => {
    await api.close();
    await fakes.stop();
  });

  it('handles an inbound message whose job had failed for good, once the sweep hands it over', async () => {
    const [inbound] = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO channel_inbound_messages (channel, provider_message_id, phone, text, received_at)
       VALUES ('whatsapp', $1, '+6281299900001', 'BANTUAN', now() - interval '1 day') RETURNING id`,
      [`wamid.recovery-${Date.now()}`],
    );
    const jobId = jobIds.inbound(inbound.id);
    let worker: INestApplicationContext | undefined;
    try {
      await api.app.get(JobQueue).enqueueBulk('handle-inbound', [{ inboundId: inbound.id }]);
      await failForGood(QUEUES.channelInbound, jobId);

      worker = await withEnv(fakes.env, () => startWorker());
      await worker.get(ChannelRecoverySweeper).sweep();
      const row = await waitFor(
        async () => {
          const [r] = await api.dataSource.query<{ status: string; outcome: string | null }[]>(
            `SELECT status, outcome FROM channel_inbound_messages WHERE id = $1`,
            [inbound.id],
          );
          return r.status === 'processed' && r;
        },
        { what: 'the revived inbound message to be handled' },
      );
      // Nobody owns that phone: the handler settles it as from an unknown sender.
      expect(row.outcome).toBe('unknown_sender');
    } finally {
      await worker?.close();
    }
  });
});
