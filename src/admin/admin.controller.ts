import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ParseId } from '../common/id.pipe';
import { Page, PageQuery } from '../common/pagination';
import {
  AdministratorList,
  AdministratorView,
  AdminOrganizationQuery,
  AdminOrganizationView,
  AuditLogQuery,
  AuditLogView,
  GrantAdministratorDto,
  RejectOrganizationDto,
  VerifyOrganizationDto,
} from './admin.dto';
import { AdministratorsOnly, CurrentAdministrator } from './administrator.guard';
import { Administrators } from './administrators.service';
import { Actor, AuditLog } from './audit-log.service';
import { OrganizationReview } from './organization-review.service';
import { ApiPageResponse } from '../common/api-docs';

/** Platform administration: the verification queue, the administrators, the audit log. */
@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly review: OrganizationReview,
    private readonly administrators: Administrators,
    private readonly audit: AuditLog,
  ) {}

  @Get('organizations')
  @ApiOperation({ summary: 'The verification queue: organizations by status' })
  @ApiPageResponse(AdminOrganizationView)
  organizations(@Query() query: AdminOrganizationQuery): Promise<Page<AdminOrganizationView>> {
    return this.review.list(query);
  }

  @Post('organizations/:id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminOrganizationView })
  @ApiOperation({ summary: 'Verify an organization' })
  verify(
    @CurrentAdministrator() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() dto: VerifyOrganizationDto,
  ): Promise<AdminOrganizationView> {
    return this.review.decide(id, 'verified', dto.note?.trim() || null, actor);
  }

  @Post('organizations/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminOrganizationView })
  @ApiOperation({ summary: 'Reject an organization with a note' })
  reject(
    @CurrentAdministrator() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() dto: RejectOrganizationDto,
  ): Promise<AdminOrganizationView> {
    return this.review.decide(id, 'rejected', dto.note.trim(), actor);
  }

  @Get('audit-log')
  @ApiOperation({ summary: "The audit log of administrators' acts" })
  @ApiPageResponse(AuditLogView)
  auditLog(@Query() query: AuditLogQuery): Promise<Page<AuditLogView>> {
    return this.audit.list(query);
  }

  @Get('administrators')
  @ApiOkResponse({ type: AdministratorList })
  @ApiOperation({ summary: 'Platform administrators' })
  listAdministrators(@Query() query: PageQuery): Promise<AdministratorList> {
    return this.administrators.list(query);
  }

  @Post('administrators')
  @ApiCreatedResponse({ type: AdministratorView })
  @ApiOperation({ summary: 'Make a user a platform administrator' })
  grant(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: GrantAdministratorDto,
  ): Promise<AdministratorView> {
    return this.administrators.grant(dto.email, actor);
  }

  @Delete('administrators/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Revoke a platform administrator' })
  async revoke(
    @CurrentAdministrator() actor: Actor,
    @Param('userId', ParseId) userId: string,
  ): Promise<void> {
    await this.administrators.revoke(userId, actor, { keepOne: true });
  }
}
