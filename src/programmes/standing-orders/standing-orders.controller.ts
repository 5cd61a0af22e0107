import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowOrganizationTypes, CurrentPrincipal } from '../../accounts/auth/auth.decorators';
import type { Principal } from '../../accounts/principal';
import { ParseId } from '../../common/id.pipe';
import type { Page } from '../../common/pagination';
import {
  CreateStandingOrderDto,
  SlotFulfilmentView,
  StandingOrderQuery,
  StandingOrderView,
  UpdateStandingOrderDto,
} from './standing-order.dto';
import { StandingOrdersService } from './standing-orders.service';

@ApiTags('standing orders')
@ApiBearerAuth()
@Controller('standing-orders')
export class StandingOrdersController {
  constructor(private readonly orders: StandingOrdersService) {}

  @Post()
  @AllowOrganizationTypes('procurement', 'cooperative', 'trader')
  @ApiCreatedResponse({ type: StandingOrderView })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateStandingOrderDto) {
    return this.orders.create(principal, dto);
  }

  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StandingOrderQuery,
  ): Promise<Page<StandingOrderView>> {
    return this.orders.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: StandingOrderView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.get(principal, id);
  }

  @Get(':id/slots')
  @ApiOkResponse({ type: [SlotFulfilmentView] })
  slots(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.slots(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: StandingOrderView })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Body() dto: UpdateStandingOrderDto,
  ) {
    return this.orders.update(principal, id, dto);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: StandingOrderView })
  pause(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.pause(principal, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: StandingOrderView })
  resume(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.resume(principal, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: StandingOrderView })
  end(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.end(principal, id);
  }
}
