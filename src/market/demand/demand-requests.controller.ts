import { CostlyRead } from '../../platform/rate-limit.decorator';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseId } from '../../common/id.pipe';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AllowOrganizationTypes, CurrentPrincipal } from '../../accounts/auth/auth.decorators';
import type { Principal } from '../../accounts/principal';
import type { Page } from '../../common/pagination';
import {
  CreateDemandRequestDto,
  DemandRequestQuery,
  DemandRequestView,
  UpdateDemandRequestDto,
} from './demand-request.dto';
import { DemandRequestsService } from './demand-requests.service';
import { ApiPageResponse } from '../../common/api-docs';

@ApiTags('demand requests')
@ApiBearerAuth()
@Controller('demand-requests')
export class DemandRequestsController {
  constructor(private readonly requests: DemandRequestsService) {}

  @Post()
  @AllowOrganizationTypes('procurement', 'trader')
  @ApiCreatedResponse({ type: DemandRequestView })
  @ApiOperation({ summary: 'Post a demand request (procurement, traders)' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateDemandRequestDto) {
    return this.requests.create(principal, dto);
  }

  @Get()
  @CostlyRead()
  @ApiOperation({ summary: "Demand requests: one's own, with what remains" })
  @ApiPageResponse(DemandRequestView)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DemandRequestQuery,
  ): Promise<Page<DemandRequestView>> {
    return this.requests.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: DemandRequestView })
  @ApiOperation({ summary: 'One demand request' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.requests.get(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: DemandRequestView })
  @ApiOperation({ summary: "Change a request's terms" })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Body() dto: UpdateDemandRequestDto,
  ) {
    return this.requests.update(principal, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: DemandRequestView })
  @ApiOperation({ summary: 'Withdraw a request: what remains is no longer wanted' })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.requests.withdraw(principal, id);
  }
}
