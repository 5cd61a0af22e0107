import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse } from '../common/api-docs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Public } from '../accounts/auth/auth.decorators';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import { decodeCursor, encodeCursor, Page } from '../common/pagination';
import { SignedProviderCallback } from '../platform/rate-limit.decorator';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { InboundRequest } from './adapters/channel-adapter';
import { ChannelAdapters } from './adapters/channel-adapters';
import {
  ChannelMessageView,
  ChannelRoutesView,
  DeliveryLogQuery,
  SetChannelRoutesDto,
  WebhookReceivedView,
} from './channels.dto';
import { ChannelMessage } from './messages/channel-message.entity';
import { CHANNEL_EVENT_TYPES } from './messages/recipients';
import { InboundReceiver } from './replies/inbound.receiver';

const inbound = (req: Request): InboundRequest => ({
  rawBody: (req as Request & { rawBody?: Buffer }).rawBody,
  headers: req.headers,
});

@ApiTags('channels')
@Controller('channels')
export class ChannelsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapters: ChannelAdapters,
    private readonly receiver: InboundReceiver,
  ) {}

  /** Meta's verification handshake when the webhook is registered: echo hub.challenge. */
  @Public()
  @Get('whatsapp/webhook')
  @Header('content-type', 'text/plain')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: "Answer WhatsApp's webhook verification handshake (Meta only)",
    description: 'Meta sends hub.mode=subscribe, hub.verify_token and hub.challenge as query.',
  })
  @ApiOkResponse({
    description: 'the hub.challenge, echoed as plain text',
    content: { 'text/plain': { schema: { type: 'string', example: '1158201444' } } },
  })
  verifyWhatsApp(@Query() query: Record<string, unknown>): string {
    const whatsapp = this.config.channels.whatsapp;
    if (!whatsapp) throw DomainError.notFound('Channel whatsapp');
    if (
      query['hub.mode'] !== 'subscribe' ||
      query['hub.verify_token'] !== whatsapp.verifyToken ||
      typeof query['hub.challenge'] !== 'string'
    )
      throw DomainError.forbidden('WhatsApp webhook verification failed');
    return query['hub.challenge'];
  }

  /** Messages and status callbacks; refused with 401 unless X-Hub-Signature-256 matches. */
  @Public()
  @SignedProviderCallback()
  @Post('whatsapp/webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive WhatsApp messages and status callbacks (Meta only)' })
  @ApiOkResponse({ type: WebhookReceivedView, description: 'the batch is taken in' })
  async whatsappWebhook(@Req() req: Request): Promise<{ received: true }> {
    const batch = this.adapters.get('whatsapp').handleInbound(inbound(req));
    await this.receiver.receive('whatsapp', batch);
    return { received: true };
  }

  /** SMS replies and delivery reports; refused with 401 unless X-Signature matches. */
  @Public()
  @SignedProviderCallback()
  @Post('sms/webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive SMS replies and delivery reports (the SMS gateway only)' })
  @ApiOkResponse({ type: WebhookReceivedView, description: 'the batch is taken in' })
  async smsWebhook(@Req() req: Request): Promise<{ received: true }> {
    const batch = this.adapters.get('sms').handleInbound(inbound(req));
    await this.receiver.receive('sms', batch);
    return { received: true };
  }

  /** The organization's WhatsApp and SMS messages, newest first, with their delivery status. */
  @ApiBearerAuth()
  @Get('deliveries')
  @ApiOperation({ summary: "The organization's WhatsApp and SMS messages and their delivery" })
  @ApiPageResponse(ChannelMessageView)
  async deliveries(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DeliveryLogQuery,
  ): Promise<Page<ChannelMessageView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(ChannelMessage)
      .createQueryBuilder('m')
      .where('m.organization_id = :org', { org: principal.organizationId })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit + 1);
    if (after)
      qb.andWhere('(m.created_at, m.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    return {
      items: items.map((m) => ChannelMessageView.from(m)),
      nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null,
    };
  }

  @ApiBearerAuth()
  @Get('routes')
  @ApiOperation({ summary: 'Which channel each kind of event is sent over' })
  @ApiOkResponse({ type: ChannelRoutesView })
  routes(@CurrentPrincipal() principal: Principal): Promise<ChannelRoutesView> {
    return this.loadRoutes(principal.organizationId);
  }

  /** Which event goes to which channel, for the whole organization (owners only). */
  @ApiBearerAuth()
  @Put('routes')
  @ApiOperation({ summary: 'Choose the channel for each kind of event (owners)' })
  @ApiOkResponse({ type: ChannelRoutesView })
  async setRoutes(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: SetChannelRoutesDto,
  ): Promise<ChannelRoutesView> {
    if (principal.organizationRole !== 'owner')
      throw DomainError.forbidden('Only an owner of the organization chooses its channels');
    const problems = dto.routes.flatMap((r, i) => [
      ...(r.channel !== 'none' && !this.config.channels.enabled.includes(r.channel)
        ? [{ field: `routes.${i}.channel`, message: `this deployment does not offer ${r.channel}` }]
        : []),
      ...(dto.routes.findIndex((other) => other.eventType === r.eventType) !== i
        ? [{ field: `routes.${i}.eventType`, message: `${r.eventType} is listed twice` }]
        : []),
    ]);
    if (problems.length > 0) throw DomainError.validation(problems);
    if (dto.routes.length > 0)
      await this.dataSource.query(
        `INSERT INTO channel_routes (organization_id, event_type, channel)
         SELECT $1, * FROM unnest($2::varchar[], $3::varchar[])
         ON CONFLICT (organization_id, event_type) DO UPDATE SET channel = EXCLUDED.channel`,
        [
          principal.organizationId,
          dto.routes.map((r) => r.eventType),
          dto.routes.map((r) => r.channel),
        ],
      );
    return this.loadRoutes(principal.organizationId);
  }

  private async loadRoutes(organizationId: string): Promise<ChannelRoutesView> {
    const rows = await this.dataSource.query<{ event_type: string; channel: string }[]>(
      `SELECT event_type, channel FROM channel_routes WHERE organization_id = $1`,
      [organizationId],
    );
    const chosen = new Map(rows.map((r) => [r.event_type, r.channel]));
    const fallback = this.config.channels.enabled[0] ?? 'none';
    return {
      routes: CHANNEL_EVENT_TYPES.map((eventType) => ({
        eventType,
        channel: (chosen.get(eventType) ??
          fallback) as ChannelRoutesView['routes'][number]['channel'],
      })),
    };
  }
}
