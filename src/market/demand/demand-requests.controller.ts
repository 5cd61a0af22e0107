import { CostlyRead } from '../../platform/rate-limit.decorator';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseId } from '../../common/id.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

@ApiTags('demand requests')
@ApiBearerAuth()
@Controller('demand-requests')
export class DemandRequestsController {
  constructor(private readonly requests: DemandRequestsService) {}

  @Post()
  @AllowOrganizationTypes('procurement', 'trader')
  @ApiCreatedResponse({ type: DemandRequestView })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateDemandRequestDto) {
    return this.requests.create(principal, dto);
  }

  @Get()
  @CostlyRead()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DemandRequestQuery,
  ): Promise<Page<DemandRequestView>> {
    return this.requests.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: DemandRequestView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.requests.get(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: DemandRequestView })
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
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.requests.withdraw(principal, id);
  }
}
