import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { ChannelMessage } from './messages/channel-message.entity';
import { ROUTE_CHANNELS, RouteChannel } from './messages/channel-route.entity';
import { CHANNEL_EVENT_TYPES, ChannelEventType } from './messages/recipients';

export class ChannelRouteDto {
  @ApiProperty({ enum: CHANNEL_EVENT_TYPES })
  @IsIn(CHANNEL_EVENT_TYPES, {
    message: `eventType must be one of ${CHANNEL_EVENT_TYPES.join(', ')}`,
  })
  eventType: ChannelEventType;

  @ApiProperty({ enum: ROUTE_CHANNELS })
  @IsIn(ROUTE_CHANNELS, { message: `channel must be one of ${ROUTE_CHANNELS.join(', ')}` })
  channel: RouteChannel;
}

export class SetChannelRoutesDto {
  @ApiProperty({ type: [ChannelRouteDto] })
  @IsArray()
  @ArrayMaxSize(CHANNEL_EVENT_TYPES.length)
  @ValidateNested({ each: true })
  @Type(() => ChannelRouteDto)
  routes: ChannelRouteDto[];
}

export class ChannelRoutesView {
  @ApiProperty({ type: [ChannelRouteDto], description: 'every event type, defaults included' })
  routes: ChannelRouteDto[];
}

export class DeliveryLogQuery extends PageQuery {}

export class ChannelMessageView {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() phone: string;
  @ApiProperty({ enum: ['whatsapp', 'sms'] }) channel: string;
  @ApiProperty() kind: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['pending', 'sent', 'delivered', 'read', 'failed', 'skipped'] })
  status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) fallbackOf: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sentAt: string | null;
  @ApiProperty() createdAt: string;

  static from(m: ChannelMessage): ChannelMessageView {
    return Object.assign(new ChannelMessageView(), {
      id: m.id,
      userId: m.userId,
      phone: m.phone,
      channel: m.channel,
      kind: m.kind,
      // One-time codes are the person's secret: the log shows that one went, not which.
      text:
        m.kind === 'phone_code'
          ? '(kode verifikasi)'
          : ((m.content as { text?: string }).text ?? ''),
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      fallbackOf: m.fallbackOf,
      sentAt: m.sentAt?.toISOString() ?? null,
      createdAt: m.createdAt.toISOString(),
    });
  }
}

/** What a provider's webhook POST answers once the batch is taken in. */
export class WebhookReceivedView {
  @ApiProperty({ type: Boolean, enum: [true], example: true }) received: true;
}
