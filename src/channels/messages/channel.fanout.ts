import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { loadOrganizations } from '../../accounts/organization-directory';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DECLINE_REASONS, DeclineReason } from '../../matching/exclusions/exclusion.entity';
import { Match } from '../../matching/match.entity';
import { DomainEventBus } from '../../outbox/domain-event.bus';
import type { RelayedEvent } from '../../events/event-catalog';
import { MessageKind, MessageVariables, reasonWord, render } from '../texts/message-templates';
import { ChannelMessageWriter, NewChannelMessage } from './channel-message.writer';
import { ProposalCodes } from './proposal-codes';
import { ProposalContext, proposalVariables, tradeVariables } from './proposal-texts';
import {
  CHANNEL_EVENT_TYPES,
  ChannelEventType,
  ChannelRecipient,
  channelRecipients,
} from './recipients';

/**
 * Match events to the phones of the people concerned, on the channel each organization chose:
 * a proposal to both sides (each with its own code and figures), an acceptance to the side still
 * to answer, a confirmation to both, a decline to the side that did not decline, an expiry to
 * both. The source key is the event id, so a replayed event queues nothing new.
 */
@Injectable()
export class ChannelFanout implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: DomainEventBus,
    private readonly writer: ChannelMessageWriter,
  ) {}

  onModuleInit(): void {
    if (this.config.channels.enabled.length === 0) return;
    this.bus.on(CHANNEL_EVENT_TYPES, (event) => this.onMatchEvent(event));
  }

  private async onMatchEvent(event: RelayedEvent<ChannelEventType>): Promise<void> {
    const type = event.type;
    const match = await this.dataSource
      .getRepository(Match)
      .findOne({ where: { id: event.aggregateId } });
    if (!match) return;
    // A proposal superseded or answered before its event was handled is not worth a message.
    const stillOpen = type !== 'match.proposed' && type !== 'match.accepted';
    if (!stillOpen && match.status !== 'proposed') return;
    const sides = this.audience(type, match);
    if (sides.length === 0) return;
    const recipients = await channelRecipients(
      this.dataSource.manager,
      [...new Set(sides.map((s) => s.organizationId))],
      type,
      this.config.channels.enabled,
    );
    if (recipients.length === 0) return;
    const context = await this.context(match);
    const directory = await loadOrganizations(this.dataSource.manager, [
      match.supplierOrganizationId,
      match.buyerOrganizationId,
    ]);
    const codes = new ProposalCodes(this.dataSource.manager);
    const messages: NewChannelMessage[] = [];
    for (const { organizationId, side } of sides) {
      const code = await codes.codeFor(organizationId, match.id);
      const counterpart = directory.get(
        side === 'supplier' ? match.buyerOrganizationId : match.supplierOrganizationId,
      );
      for (const r of recipients.filter((x) => x.organizationId === organizationId)) {
        const [kind, variables] = this.text(
          type,
          event,
          match,
          side,
          code,
          context,
          r,
          counterpart,
        );
        messages.push({
          organizationId,
          userId: r.userId,
          phone: r.phone,
          channel: r.channel,
          sourceKey: `event-${event.eventId}`,
          message: render(kind, r.language, variables),
        });
      }
    }
    await this.writer.queue(messages);
  }

  /** Which organizations hear of this event, and as which side. */
  private audience(
    type: ChannelEventType,
    match: Match,
  ): { organizationId: string; side: 'supplier' | 'buyer' }[] {
    const supplier = { organizationId: match.supplierOrganizationId, side: 'supplier' as const };
    const buyer = { organizationId: match.buyerOrganizationId, side: 'buyer' as const };
    switch (type) {
      case 'match.proposed':
      case 'match.confirmed':
      case 'match.expired':
        return [supplier, buyer];
      case 'match.accepted':
        // The side that has not answered yet is the one that can act on it.
        return [
          ...(match.supplierDecision === 'pending' ? [supplier] : []),
          ...(match.buyerDecision === 'pending' ? [buyer] : []),
        ];
      case 'match.declined':
        return [
          ...(match.supplierDecision !== 'declined' ? [supplier] : []),
          ...(match.buyerDecision !== 'declined' ? [buyer] : []),
        ];
      default:
        return [];
    }
  }

  private text(
    type: ChannelEventType,
    event: RelayedEvent<ChannelEventType>,
    match: Match,
    side: 'supplier' | 'buyer',
    code: string,
    context: ProposalContext,
    r: ChannelRecipient,
    counterpart:
      | { name: string; contactName: string | null; phone: string | null; email: string | null }
      | undefined,
  ): [MessageKind, MessageVariables] {
    const name = counterpart?.name ?? '-';
    switch (type) {
      case 'match.proposed':
        return [
          side === 'supplier' ? 'proposal_supplier' : 'proposal_buyer',
          proposalVariables(match, side, code, context, r.language, r.regionCode),
        ];
      case 'match.accepted':
        return ['counterpart_accepted', { code, counterpart: name }];
      case 'match.confirmed':
        return [
          side === 'supplier' ? 'trade_confirmed' : 'trade_confirmed_buyer',
          tradeVariables(match, side, code, context, r.language, r.regionCode, {
            name,
            contactName: counterpart?.contactName ?? null,
            phone: counterpart?.phone ?? null,
            email: counterpart?.email ?? null,
          }),
        ];
      case 'match.declined': {
        const given = event.type === 'match.declined' ? event.data.reason : undefined;
        const reason: DeclineReason = (DECLINE_REASONS as readonly unknown[]).includes(given)
          ? (given as DeclineReason)
          : 'other';
        return [
          'counterpart_declined',
          { code, counterpart: name, reason: reasonWord(reason, r.language) },
        ];
      }
      default:
        return ['proposal_expired', { code }];
    }
  }

  private async context(match: Match): Promise<ProposalContext> {
    const [row] = await this.dataSource.query<
      { name_id: string; name_en: string; origin: string; destination: string }[]
    >(
      `SELECT c.name_id, c.name_en, o.name AS origin, d.name AS destination
         FROM supply_listings l
         JOIN demand_requests r ON r.id = $2
         JOIN commodities c ON c.code = l.commodity_code
         JOIN regions o ON o.code = l.origin_region_code
         JOIN regions d ON d.code = r.destination_region_code
        WHERE l.id = $1`,
      [match.supplyListingId, match.demandRequestId],
    );
    const codes = match.route.flatMap((leg) => [leg.from, leg.to]);
    const hubs = await this.dataSource.query<{ code: string; name: string }[]>(
      `SELECT code, name FROM hubs WHERE code = ANY($1)`,
      [codes],
    );
    return {
      commodity: {
        nameId: row?.name_id ?? match.commodityCode,
        nameEn: row?.name_en ?? match.commodityCode,
      },
      originName: row?.origin ?? '-',
      destinationName: row?.destination ?? '-',
      hubs: new Map(hubs.map((h) => [h.code, h.name])),
    };
  }
}
