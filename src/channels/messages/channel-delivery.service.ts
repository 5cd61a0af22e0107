import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { queryReturning } from '../../common/query-returning';
import type { ChannelName, StatusReport } from '../adapters/channel-adapter';
import { ChannelAdapters } from '../adapters/channel-adapters';
import type { RenderedMessage } from '../texts/message-templates';
import { ChannelMessageWriter } from './channel-message.writer';

interface MessageRow {
  id: string;
  organization_id: string;
  user_id: string;
  phone: string;
  channel: ChannelName;
  source_key: string;
  kind: string;
  content: RenderedMessage;
  status: string;
  attempts: number;
  current_phone: string | null;
  verified: boolean | null;
  whatsapp_opt_in: boolean | null;
  sms_opt_in: boolean | null;
  window_open: boolean | null;
}

export type SendAttemptOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

/** Answers to what the person just wrote (and the code they asked for) need no opt-in. */
const ASKED_FOR = (kind: string) =>
  kind.startsWith('reply_') || kind.startsWith('sell_') || kind === 'phone_code';

/** Replies to a message the person just sent: inside WhatsApp's customer-service window. */
const ANSWER = (kind: string) => kind.startsWith('reply_') || kind.startsWith('sell_');

const STATUS_RANK: Record<string, number> = { pending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * One attempt of one outbound message, recorded on its row whatever happens. The processor
 * retries on 'retry' and calls giveUp after the last attempt; a message that failed for good on
 * WhatsApp falls back to SMS when the deployment offers it and the person opted in to SMS.
 */
@Injectable()
export class ChannelDeliveryService {
  private readonly logger = new Logger(ChannelDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapters: ChannelAdapters,
    private readonly writer: ChannelMessageWriter,
  ) {}

  async attempt(messageId: string): Promise<{ outcome: SendAttemptOutcome; detail: string }> {
    const [m] = await this.dataSource.query<MessageRow[]>(
      `SELECT m.id, m.organization_id, m.user_id, m.phone, m.channel, m.source_key, m.kind,
              m.content, m.status, m.attempts, p.phone AS current_phone,
              p.verified_at IS NOT NULL AS verified, p.whatsapp_opt_in, p.sms_opt_in,
              COALESCE(p.whatsapp_window_until > now(), false) AS window_open
         FROM channel_messages m LEFT JOIN user_phones p ON p.user_id = m.user_id
        WHERE m.id = $1`,
      [messageId],
    );
    if (!m || m.status !== 'pending') return { outcome: 'skipped', detail: 'already settled' };
    const refusal = this.refusal(m);
    if (refusal) {
      await this.dataSource.query(
        `UPDATE channel_messages SET status = 'skipped', last_error = $2, updated_at = now()
          WHERE id = $1 AND status = 'pending'`,
        [m.id, refusal],
      );
      return { outcome: 'skipped', detail: refusal };
    }
    if (!this.adapters.enabled(m.channel))
      return { outcome: 'retry', detail: 'channel not configured' };

    const result = await this.adapters.get(m.channel).send({
      to: m.phone,
      text: m.content.text,
      reference: m.id,
      buttons: m.content.buttons,
      template: m.content.template ?? undefined,
      // Answers go out while the person's own message holds the window open; a one-time code
      // to a number that never wrote to us needs its template.
      insideServiceWindow: Boolean(m.window_open) || ANSWER(m.kind),
    });
    if (result.kind === 'sent') {
      await this.dataSource.query(
        `UPDATE channel_messages SET status = 'sent', provider_message_id = $2, sent_at = now(),
                attempts = attempts + 1, last_error = NULL, updated_at = now()
          WHERE id = $1 AND status = 'pending'`,
        [m.id, result.providerMessageId],
      );
      return { outcome: 'sent', detail: result.providerMessageId };
    }
    await this.dataSource.query(
      `UPDATE channel_messages SET attempts = attempts + 1, last_error = $2, updated_at = now()
        WHERE id = $1`,
      [m.id, result.error],
    );
    if (result.kind === 'rejected') {
      await this.giveUp(m.id);
      return { outcome: 'failed', detail: result.error };
    }
    return { outcome: 'retry', detail: result.error };
  }

  /** Why this message must not go out now, or null. Opt-outs count until the last moment. */
  private refusal(m: MessageRow): string | null {
    if (m.current_phone !== m.phone) return 'the person removed or changed this phone';
    if (ASKED_FOR(m.kind)) return null;
    if (!m.verified) return 'phone not verified';
    if (m.channel === 'whatsapp' && !m.whatsapp_opt_in) return 'opted out of WhatsApp';
    if (m.channel === 'sms' && !m.sms_opt_in) return 'opted out of SMS';
    return null;
  }

  /** The last attempt failed (or the provider refused, or reported it failed): fall back. */
  async giveUp(messageId: string): Promise<void> {
    const [failed] = await queryReturning<MessageRow>(
      this.dataSource.manager,
      `UPDATE channel_messages SET status = 'failed', updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'sent') RETURNING *`,
      [messageId],
    );
    if (failed) await this.fallBack(failed);
  }

  private async fallBack(m: MessageRow): Promise<void> {
    if (m.channel !== 'whatsapp' || !this.config.channels.fallbackToSms) return;
    const [phone] = await this.dataSource.query<{ sms_opt_in: boolean; phone: string }[]>(
      `SELECT sms_opt_in, phone FROM user_phones WHERE user_id = $1`,
      [m.user_id],
    );
    if (!phone || phone.phone !== m.phone) return;
    if (!phone.sms_opt_in && !ASKED_FOR(m.kind)) return;
    this.logger.warn({ messageId: m.id }, 'WhatsApp message failed; falling back to SMS');
    // Same source key: the unique (source, user, channel) allows one SMS per event and person.
    await this.writer.queue([
      {
        organizationId: m.organization_id,
        userId: m.user_id,
        phone: m.phone,
        channel: 'sms',
        sourceKey: m.source_key,
        message: m.content,
        fallbackOf: m.id,
      },
    ]);
  }

  /** Provider status callbacks: never backwards (read stays read), failed triggers the fallback. */
  async recordStatuses(channel: ChannelName, reports: StatusReport[]): Promise<void> {
    for (const report of reports) {
      if (report.status === 'failed') {
        const [row] = await this.dataSource.query<{ id: string }[]>(
          `SELECT id FROM channel_messages WHERE channel = $1 AND provider_message_id = $2`,
          [channel, report.providerMessageId],
        );
        if (!row) continue;
        await this.dataSource.query(`UPDATE channel_messages SET last_error = $2 WHERE id = $1`, [
          row.id,
          report.error ?? 'failed',
        ]);
        await this.giveUp(row.id);
        continue;
      }
      const rank = STATUS_RANK[report.status];
      await this.dataSource.query(
        `UPDATE channel_messages SET status = $3, updated_at = now()
          WHERE channel = $1 AND provider_message_id = $2
            AND status IN ('pending', 'sent', 'delivered', 'read')
            AND (CASE status WHEN 'pending' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                             ELSE 3 END) < $4`,
        [channel, report.providerMessageId, report.status, rank],
      );
    }
  }
}
