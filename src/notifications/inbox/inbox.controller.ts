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
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { AllowQueryToken, CurrentPrincipal } from '../../accounts/auth/auth.decorators';
import type { Principal } from '../../accounts/principal';
import { ParseId } from '../../common/id.pipe';
import { InboxQuery, InboxService, NotificationView } from './inbox.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: InboxQuery) {
    return this.inbox.list(principal, query);
  }

  /**
   * Live stream (server-sent events). Browsers' EventSource cannot send headers, so this route
   * also takes the token as `?access_token=`; `Last-Event-ID` resumes after a seq.
   */
  @Sse('stream')
  @AllowQueryToken()
  @ApiProduces('text/event-stream')
  stream(
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId?: string,
  ): Observable<MessageEvent> {
    return this.inbox.stream(principal, lastEventId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<NotificationView> {
    return this.inbox.markRead(principal, id);
  }
}
