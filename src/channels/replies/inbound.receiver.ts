import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue } from '../../queue/job-queue';
import type { ChannelName, InboundBatch } from '../adapters/channel-adapter';
import { ChannelDeliveryService } from '../messages/channel-delivery.service';

/**
 * The API side of a provider callback, after its signature was checked: each message is recorded
 * once (unique channel + provider message id) and handed to the worker; a retried callback finds
 * the row and only re-enqueues it while it is unprocessed (job id = row id, so that is a no-op
 * unless the first enqueue was lost). Providers get their 200 at once.
 */
@Injectable()
export class InboundReceiver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly deliveries: ChannelDeliveryService,
  ) {}

  async receive(channel: ChannelName, batch: InboundBatch): Promise<void> {
    if (batch.messages.length > 0) {
      const ids = batch.messages.map((m) => m.providerMessageId);
      await this.dataSource.query(
        `INSERT INTO channel_inbound_messages (channel, provider_message_id, phone, text, received_at)
         SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::text[], $5::timestamptz[])
         ON CONFLICT (channel, provider_message_id) DO NOTHING`,
        [
          channel,
          ids,
          batch.messages.map((m) => m.from.slice(0, 16)),
          batch.messages.map((m) => m.text.slice(0, 4096)),
          batch.messages.map((m) => m.receivedAt.toISOString()),
        ],
      );
      const unprocessed = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM channel_inbound_messages
          WHERE channel = $1 AND provider_message_id = ANY($2) AND status = 'received'`,
        [channel, ids],
      );
      await this.jobs.enqueueBulk(
        'handle-inbound',
        unprocessed.map((row) => ({ inboundId: row.id })),
      );
    }
    if (batch.statuses.length > 0) await this.deliveries.recordStatuses(channel, batch.statuses);
  }
}
