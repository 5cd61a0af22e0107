import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../accounts/principal';
import { DomainError } from '../../common/domain-error';
import { DecisionsService } from '../../deals/decisions.service';
import type { ChannelName } from '../adapters/channel-adapter';
import { ChannelMessageWriter } from '../messages/channel-message.writer';
import { ProposalCodes } from '../messages/proposal-codes';
import { kilograms, Language } from '../texts/indonesian-format';
import {
  MessageKind,
  MessageVariables,
  reasonWord,
  render,
  stateWord,
} from '../texts/message-templates';
import { SellConversation } from '../sell/sell.conversation';
import { parseReply, ReplyCommand } from './reply-command';

interface InboundRow {
  id: string;
  channel: ChannelName;
  phone: string;
  text: string;
  status: string;
  received_at: Date;
}

/** The person behind a verified phone, with what the API's guard would know of them. */
export interface Sender extends Principal {
  phone: string;
  language: Language;
}

export type Reply = { outcome: string; kind: MessageKind; variables: MessageVariables };

const WINDOW_HOURS = 24;

/**
 * Acts on one inbound message, once. The sender is the person whose verified phone it came from;
 * TERIMA and TOLAK go through DecisionsService exactly as POST /matches/:id/accept and /decline
 * do (same visibility, same 404 and 409), and each answer, error included, is told back in words.
 * The reply's source key is the inbound row, so a re-run after a crash answers once; decisions
 * themselves are idempotent (a repeated accept or decline changes nothing).
 */
@Injectable()
export class ReplyHandler {
  private readonly logger = new Logger(ReplyHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly decisions: DecisionsService,
    private readonly writer: ChannelMessageWriter,
    private readonly sell: SellConversation,
  ) {}

  async handle(inboundId: string): Promise<string> {
    const [row] = await this.dataSource.query<InboundRow[]>(
      `SELECT id, channel, phone, text, status, received_at FROM channel_inbound_messages
        WHERE id = $1`,
      [inboundId],
    );
    if (!row || row.status === 'processed') return 'skipped: already processed';
    const sender = await this.sender(row.phone);
    if (!sender) {
      // Nobody verified this number: no reply (it would be a way to make us text strangers).
      await this.settle(row.id, 'unknown_sender', null);
      return 'unknown_sender';
    }
    if (row.channel === 'whatsapp') {
      await this.dataSource.query(
        `UPDATE user_phones SET whatsapp_window_until =
                GREATEST(COALESCE(whatsapp_window_until, $2), $2)
          WHERE user_id = $1`,
        [sender.userId, new Date(row.received_at.getTime() + WINDOW_HOURS * 3600_000)],
      );
    }
    const reply = await this.act(sender, row, parseReply(row.text));
    await this.writer.queue([
      {
        organizationId: sender.organizationId,
        userId: sender.userId,
        phone: sender.phone,
        channel: row.channel,
        sourceKey: `inbound-${row.id}`,
        message: render(reply.kind, sender.language, reply.variables),
      },
    ]);
    await this.settle(row.id, reply.outcome, sender.userId);
    return reply.outcome;
  }

  private async act(sender: Sender, row: InboundRow, command: ReplyCommand): Promise<Reply> {
    const lang = sender.language;
    switch (command.kind) {
      case 'accept':
      case 'decline':
        return this.decide(sender, command);
      case 'status':
        return this.status(sender);
      case 'stop':
      case 'start': {
        const column = row.channel === 'whatsapp' ? 'whatsapp_opt_in' : 'sms_opt_in';
        await this.dataSource.query(`UPDATE user_phones SET ${column} = $2 WHERE user_id = $1`, [
          sender.userId,
          command.kind === 'start',
        ]);
        const channel = row.channel === 'whatsapp' ? 'WhatsApp' : 'SMS';
        return command.kind === 'stop'
          ? { outcome: 'opted_out', kind: 'reply_stopped', variables: { channel } }
          : { outcome: 'opted_in', kind: 'reply_started', variables: { channel } };
      }
      case 'sell':
        return this.sell.propose(sender, command.text, lang);
      case 'confirm-sell':
        return this.sell.confirm(sender, command.code);
      default:
        return { outcome: 'help', kind: 'reply_help', variables: {} };
    }
  }

  private async decide(
    sender: Sender,
    command: Extract<ReplyCommand, { kind: 'accept' | 'decline' }>,
  ): Promise<Reply> {
    const { code } = command;
    // The API's guard: until the email is verified an account may read but not write.
    if (!sender.emailVerified)
      return { outcome: 'email_unverified', kind: 'reply_email_unverified', variables: {} };
    const matchId = await new ProposalCodes(this.dataSource.manager).matchFor(
      sender.organizationId,
      code,
    );
    if (!matchId) return { outcome: 'not_found', kind: 'reply_not_found', variables: { code } };
    try {
      if (command.kind === 'accept') {
        const view = await this.decisions.accept(sender, matchId);
        return view.status === 'confirmed'
          ? { outcome: 'confirmed', kind: 'reply_accepted_confirmed', variables: { code } }
          : {
              outcome: 'accepted',
              kind: 'reply_accepted_waiting',
              variables: { code, counterpart: view.counterparty?.name ?? '-' },
            };
      }
      await this.decisions.decline(sender, matchId, {
        reason: command.reason,
        note: command.note?.slice(0, 1000),
      });
      return {
        outcome: 'declined',
        kind: 'reply_declined',
        variables: { code, reason: reasonWord(command.reason, sender.language) },
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // retried by the job
      return this.refused(sender, code, matchId, error);
    }
  }

  /** The API's 404 and 409 answers, in words. */
  private async refused(
    sender: Sender,
    code: string,
    matchId: string,
    error: DomainError,
  ): Promise<Reply> {
    if (error.status === 404)
      return { outcome: 'not_found', kind: 'reply_not_found', variables: { code } };
    if (error.code === 'INSUFFICIENT_QUANTITY')
      return { outcome: 'insufficient_quantity', kind: 'reply_quantity_gone', variables: { code } };
    if (error.code === 'TERMS_CHANGED')
      return { outcome: 'terms_changed', kind: 'reply_terms_changed', variables: { code } };
    if (error.code === 'NOT_PROPOSED') {
      const [m] = await this.dataSource.query<{ status: string }[]>(
        `SELECT status FROM matches WHERE id = $1`,
        [matchId],
      );
      return {
        outcome: 'not_open',
        kind: 'reply_not_open',
        variables: { code, state: stateWord(m?.status ?? 'expired', sender.language) },
      };
    }
    this.logger.warn({ code: error.code, message: error.message }, 'reply refused');
    throw error;
  }

  private async status(sender: Sender): Promise<Reply> {
    const rows = await this.dataSource.query<
      {
        code: string;
        name_id: string;
        name_en: string;
        quantity: number;
        mine: string;
      }[]
    >(
      `SELECT c.code, k.name_id, k.name_en,
              CASE WHEN m.supplier_organization_id = $1 THEN m.quantity ELSE m.quantity_delivered END AS quantity,
              CASE WHEN m.supplier_organization_id = $1 THEN m.supplier_decision ELSE m.buyer_decision END AS mine
         FROM proposal_codes c
         JOIN matches m ON m.id = c.match_id AND m.status = 'proposed'
         JOIN commodities k ON k.code = m.commodity_code
        WHERE c.organization_id = $1 AND c.released_at IS NULL
        ORDER BY m.expires_at, c.code LIMIT 5`,
      [sender.organizationId],
    );
    if (rows.length === 0) return { outcome: 'status', kind: 'reply_status_empty', variables: {} };
    const id = sender.language === 'id';
    const list = rows
      .map(
        (r) =>
          `${r.code} ${(id ? r.name_id : r.name_en).toLowerCase()} ${kilograms(r.quantity, sender.language)} (${
            r.mine === 'pending'
              ? id
                ? 'menunggu Anda'
                : 'awaiting you'
              : id
                ? 'menunggu mitra'
                : 'awaiting partner'
          })`,
      )
      .join('; ');
    return {
      outcome: 'status',
      kind: 'reply_status',
      variables: { count: String(rows.length), list },
    };
  }

  private async sender(phone: string): Promise<Sender | null> {
    const [row] = await this.dataSource.query<Sender[]>(
      `SELECT u.id AS "userId", o.id AS "organizationId", o.type AS "organizationType",
              o.region_code AS "regionCode", '' AS "sessionId",
              u.email_verified_at IS NOT NULL AS "emailVerified",
              u.organization_role AS "organizationRole", p.phone, p.language
         FROM user_phones p
         JOIN users u ON u.id = p.user_id
         JOIN organizations o ON o.id = u.organization_id
        WHERE p.phone = $1 AND p.verified_at IS NOT NULL`,
      [phone],
    );
    return row ?? null;
  }

  private async settle(id: string, outcome: string, userId: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE channel_inbound_messages
          SET status = 'processed', outcome = $2, user_id = $3, processed_at = now()
        WHERE id = $1`,
      [id, outcome, userId],
    );
  }
}
