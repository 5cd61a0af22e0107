import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ParseId } from '../../common/id.pipe';
import { AllowUnverified, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../principal';
import { SessionListView } from './sessions.dto';
import { SessionsService } from './sessions.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('me/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOkResponse({ type: SessionListView, description: 'signed-in sessions, newest use first' })
  @ApiOperation({ summary: "One's signed-in sessions" })
  list(@CurrentPrincipal() principal: Principal): Promise<SessionListView> {
    return this.sessions.list(principal.userId, principal.sessionId);
  }

  @Delete(':id')
  @AllowUnverified()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'that session and its refresh tokens stop working' })
  @ApiOperation({ summary: "Sign out one of one's sessions" })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<void> {
    return this.sessions.revokeOwn(principal.userId, id, 'revoked');
  }
}
