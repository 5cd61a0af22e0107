import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdministratorsOnly, CurrentAdministrator } from '../../admin/administrator.guard';
import type { Actor } from '../../admin/audit-log.service';
import { ApiPageResponse } from '../../common/api-docs';
import { DEFAULT_PAGE_SIZE, Page, PageQuery } from '../../common/pagination';
import { RationingPolicyView, SetRationingPolicyDto } from './rationing-policy.dto';
import { RationingPolicies } from './rationing-policies.service';

@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin/rationing-policies')
export class RationingPoliciesController {
  constructor(private readonly policies: RationingPolicies) {}

  @Get()
  @ApiOperation({ summary: 'How each commodity shares a shortage (fair or max-gain), by code' })
  @ApiPageResponse(RationingPolicyView)
  list(@Query() query: PageQuery): Promise<Page<RationingPolicyView>> {
    return this.policies.list(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Put(':commodityCode')
  @ApiOperation({ summary: 'Set how a commodity shares a shortage; re-optimises its market' })
  @ApiOkResponse({ type: RationingPolicyView })
  set(
    @CurrentAdministrator() actor: Actor,
    @Param('commodityCode') commodityCode: string,
    @Body() dto: SetRationingPolicyDto,
  ): Promise<RationingPolicyView> {
    return this.policies.set(commodityCode, dto.policy, actor);
  }
}
