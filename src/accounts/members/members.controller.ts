import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { CurrentClient, CurrentPrincipal, Public } from '../auth/auth.decorators';
import { RegisteredView } from '../auth/auth.dto';
import type { Principal } from '../principal';
import type { ClientInfo } from '../sessions/sessions.service';
import { AcceptInvitationDto, InvitationDto, InvitationView, MemberListView } from './members.dto';
import { MembersService } from './members.service';

const ParseUserId = new ParseUUIDPipe({
  exceptionFactory: () =>
    DomainError.validation([{ field: 'userId', message: 'userId must be a UUID' }]),
});

@ApiTags('accounts')
@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post('organizations/me/invitations')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: InvitationView, description: 'owners only; emails the invitee' })
  @ApiOperation({ summary: 'Invite a colleague to the organization by email' })
  invite(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: InvitationDto,
  ): Promise<InvitationView> {
    return this.members.invite(principal, dto);
  }

  @Public()
  @Post('auth/accept-invitation')
  @ApiCreatedResponse({ type: RegisteredView, description: 'the new colleague, signed in' })
  @ApiOperation({ summary: "Accept an invitation: create the colleague's account" })
  accept(
    @Body() dto: AcceptInvitationDto,
    @CurrentClient() client: ClientInfo,
  ): Promise<RegisteredView> {
    return this.members.accept(dto, client);
  }

  @Get('organizations/me/members')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MemberListView })
  @ApiOperation({ summary: "The organization's members and open invitations" })
  list(@CurrentPrincipal() principal: Principal): Promise<MemberListView> {
    return this.members.list(principal);
  }

  @Delete('organizations/me/members/:userId')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'owners only; the last owner cannot be removed' })
  @ApiOperation({ summary: 'Remove a member from the organization' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('userId', ParseUserId) userId: string,
  ): Promise<void> {
    return this.members.remove(principal, userId);
  }
}
