import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-events';

export class InboxQuery {
  @ApiPropertyOptional({ description: 'only unread notifications' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({
    enum: NOTIFICATION_TYPES,
    description: "only notifications of this type (a trader's feed: opportunity.matched)",
  })
  @IsOptional()
  @IsIn(NOTIFICATION_TYPES)
  type?: NotificationType;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  cursor?: string;
}

export class UnreadCountView {
  @ApiProperty({ example: 3 }) count: number;
}

export class NotificationView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'increasing; the id of live-stream messages' }) seq: string;
  @ApiProperty({ description: 'the webhook-id of the same event' }) eventId: string;
  @ApiProperty({ example: 'match.proposed' }) type: string;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class StreamTicketView {
  @ApiProperty({ description: 'pass as ?ticket= to GET /notifications/stream; works once' })
  ticket: string;
  @ApiProperty() expiresAt: string;
}
