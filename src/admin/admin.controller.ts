import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ParseId } from '../common/id.pipe';
import type { Page } from '../common/pagination';
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
  organizations(@Query() query: AdminOrganizationQuery): Promise<Page<AdminOrganizationView>> {
    return this.review.list(query);
  }

  @Post('organizations/:id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminOrganizationView })
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
  reject(
    @CurrentAdministrator() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() dto: RejectOrganizationDto,
  ): Promise<AdminOrganizationView> {
    return this.review.decide(id, 'rejected', dto.note.trim(), actor);
  }

  @Get('audit-log')
  auditLog(@Query() query: AuditLogQuery): Promise<Page<AuditLogView>> {
    return this.audit.list(query);
  }

  @Get('administrators')
  @ApiOkResponse({ type: AdministratorList })
  async listAdministrators(): Promise<AdministratorList> {
    return { items: await this.administrators.list(), nextCursor: null };
  }

  @Post('administrators')
  @ApiCreatedResponse({ type: AdministratorView })
  grant(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: GrantAdministratorDto,
  ): Promise<AdministratorView> {
    return this.administrators.grant(dto.email, actor);
  }

  @Delete('administrators/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(
    @CurrentAdministrator() actor: Actor,
    @Param('userId', ParseId) userId: string,
  ): Promise<void> {
    await this.administrators.revoke(userId, actor, { keepOne: true });
  }
}
