import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
} from 'class-validator';
import { NOTIFICATION_TYPES } from '../notification-events';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://erp.dkp-batam.go.id/jembatan/webhooks' })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: NOTIFICATION_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  @ArrayUnique()
  @IsIn(NOTIFICATION_TYPES, { each: true })
  eventTypes: string[];
}

export class WebhookView {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) eventTypes: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String }) disabledReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({
    description: 'only in the answer to POST: store it, it is not shown again',
  })
  secret?: string;

  static from(e: WebhookEndpoint, withSecret = false): WebhookView {
    return Object.assign(new WebhookView(), {
      id: e.id,
      url: e.url,
      eventTypes: e.eventTypes,
      enabled: e.enabled,
      disabledReason: e.disabledReason,
      createdAt: e.createdAt.toISOString(),
      ...(withSecret ? { secret: e.secret } : {}),
    });
  }
}

export class DeliveryView {
  @ApiProperty() id: string;
  @ApiProperty() eventId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'every attempt, oldest first' })
  log: {
    attempt: number;
    at: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }[];
}
