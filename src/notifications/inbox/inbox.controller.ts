import {
  Controller,
  Get,
  Headers,
  HttpCode,
  MessageEvent,
  Param,
  Post,
  Query,
  Sse,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Observable } from 'rxjs';
import {
  AllowQueryToken,
  CurrentPrincipal,
  TokenExpiresAt,
  AllowUnverified,
} from '../../accounts/auth/auth.decorators';
import { StreamTicketStore } from '../../accounts/auth/stream-ticket.store';
import { CostlyRead } from '../../platform/rate-limit.decorator';
import type { Principal } from '../../accounts/principal';
import { ParseId } from '../../common/id.pipe';
import { InboxService } from './inbox.service';
import { StreamEndsAt, StreamSlotGuard } from './stream-slots';
import { ApiPageResponse } from '../../common/api-docs';
import { InboxQuery, NotificationView, StreamTicketView, UnreadCountView } from './inbox.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly tickets: StreamTicketStore,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The inbox: notifications, newest first (?unread=true for unread only)',
  })
  @ApiPageResponse(NotificationView)
  list(@CurrentPrincipal() principal: Principal, @Query() query: InboxQuery) {
    return this.inbox.list(principal, query);
  }

  @AllowUnverified()
  @Get('unread-count')
  @ApiOperation({ summary: 'How many notifications are unread (the inbox badge)' })
  @ApiOkResponse({ type: UnreadCountView })
  unreadCount(@CurrentPrincipal() principal: Principal): Promise<UnreadCountView> {
    return this.inbox.unreadCount(principal);
  }

  /** A single-use ticket, valid 30 s, to open the live stream without a token in the URL. */
  // Reading one's own inbox is a read in all but method: an unverified user may do it too.
  @AllowUnverified()
  @Post('stream-ticket')
  @ApiCreatedResponse({ type: StreamTicketView })
  @ApiOperation({ summary: 'A single-use ticket to open the live stream' })
  streamTicket(
    @CurrentPrincipal() principal: Principal,
    @TokenExpiresAt() tokenExpiresAt: number | null,
  ): Promise<StreamTicketView> {
    return this.tickets.issue({
      userId: principal.userId,
      sessionId: principal.sessionId,
      tokenExpiresAt,
    });
  }

  /**
   * Live stream (server-sent events). Browsers' EventSource cannot send headers, so this route
   * takes `?ticket=` (from POST /notifications/stream-ticket) or, for existing clients, the
   * token as `?access_token=` (redacted from logs); `Last-Event-ID` resumes after a seq. The
   * stream ends when the token expires; at most STREAMS_PER_USER are open per user.
   */
  @Sse('stream')
  @AllowQueryToken()
  @CostlyRead()
  @UseGuards(StreamSlotGuard)
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'The live notification stream (server-sent events)' })
  @ApiOkResponse({
    description: 'events `notification` with the NotificationView as data; id is its seq',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  stream(
    @CurrentPrincipal() principal: Principal,
    @StreamEndsAt() endsAt: number,
    @Headers('last-event-id') lastEventId?: string,
  ): Observable<MessageEvent> {
    return this.inbox.stream(principal, lastEventId, endsAt);
  }

  @AllowUnverified()
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  @ApiOperation({ summary: 'Mark a notification read' })
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<NotificationView> {
    return this.inbox.markRead(principal, id);
  }
}
