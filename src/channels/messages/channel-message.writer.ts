import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue } from '../../queue/job-queue';
import type { ChannelName } from '../adapters/channel-adapter';
import type { RenderedMessage } from '../texts/message-templates';

export interface NewChannelMessage {
  organizationId: string;
  userId: string;
  phone: string;
  channel: ChannelName;
  sourceKey: string;
  message: RenderedMessage;
  fallbackOf?: string;
}

/**
 * Queues outbound messages exactly once per (source, recipient, channel): the insert ignores a
 * row that exists, and every still-pending row of the batch is (re-)enqueued with job id =
 * message id, so a handler that runs twice, or crashed between commit and enqueue, neither loses
 * nor doubles a message.
 */
@Injectable()
export class ChannelMessageWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  async queue(messages: NewChannelMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO channel_messages
         (organization_id, user_id, phone, channel, source_key, kind, content, fallback_of)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[],
                            $6::varchar[], $7::jsonb[], $8::uuid[])
       ON CONFLICT (source_key, user_id, channel) DO NOTHING`,
      [
        messages.map((m) => m.organizationId),
        messages.map((m) => m.userId),
        messages.map((m) => m.phone),
        messages.map((m) => m.channel),
        messages.map((m) => m.sourceKey),
        messages.map((m) => m.message.kind),
        messages.map((m) => JSON.stringify(m.message)),
        messages.map((m) => m.fallbackOf ?? null),
      ],
    );
    const pending = await this.dataSource.query<{ id: string; channel: ChannelName }[]>(
      `SELECT m.id, m.channel FROM channel_messages m
         JOIN unnest($1::varchar[], $2::uuid[], $3::varchar[]) AS k(source_key, user_id, channel)
           ON m.source_key = k.source_key AND m.user_id = k.user_id AND m.channel = k.channel
        WHERE m.status = 'pending'`,
      [
        messages.map((m) => m.sourceKey),
        messages.map((m) => m.userId),
        messages.map((m) => m.channel),
      ],
    );
    await this.enqueue(pending);
  }

  async enqueue(rows: { id: string; channel: ChannelName }[]): Promise<void> {
    await this.jobs.enqueueBulk('send-whatsapp', sends(rows, 'whatsapp'));
    await this.jobs.enqueueBulk('send-sms', sends(rows, 'sms'));
  }

  /** The recovery sweep's hand-over: also revives a pending message's failed job. */
  async requeue(rows: { id: string; channel: ChannelName }[]): Promise<void> {
    await this.jobs.requeueBulk('send-whatsapp', sends(rows, 'whatsapp'));
    await this.jobs.requeueBulk('send-sms', sends(rows, 'sms'));
  }
}

function sends(rows: { id: string; channel: ChannelName }[], channel: ChannelName) {
  return rows.filter((r) => r.channel === channel).map((r) => ({ messageId: r.id }));
}
