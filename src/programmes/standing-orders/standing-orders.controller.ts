import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiPageResponse } from '../../common/api-docs';
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
  @ApiOperation({ summary: 'Place a standing order: a recurring request or offer' })
  @AllowOrganizationTypes('procurement', 'cooperative', 'trader')
  @ApiCreatedResponse({ type: StandingOrderView })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateStandingOrderDto) {
    return this.orders.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "Your organization's standing orders" })
  @ApiPageResponse(StandingOrderView)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StandingOrderQuery,
  ): Promise<Page<StandingOrderView>> {
    return this.orders.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One standing order' })
  @ApiOkResponse({ type: StandingOrderView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.get(principal, id);
  }

  @Get(':id/slots')
  @ApiOperation({ summary: "A standing order's delivery slots and how far each is filled" })
  @ApiOkResponse({ type: [SlotFulfilmentView] })
  slots(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.slots(principal, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a standing order's terms from now on" })
  @ApiOkResponse({ type: StandingOrderView })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Body() dto: UpdateStandingOrderDto,
  ) {
    return this.orders.update(principal, id, dto);
  }

  @Post(':id/pause')
  @ApiOperation({ summary: 'Pause a standing order until it is resumed' })
  @HttpCode(200)
  @ApiOkResponse({ type: StandingOrderView })
  pause(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.pause(principal, id);
  }

  @Post(':id/resume')
  @ApiOperation({ summary: 'Resume a paused standing order' })
  @HttpCode(200)
  @ApiOkResponse({ type: StandingOrderView })
  resume(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.resume(principal, id);
  }

  @Post(':id/end')
  @ApiOperation({ summary: 'End a standing order today: what is confirmed stays' })
  @HttpCode(200)
  @ApiOkResponse({ type: StandingOrderView })
  end(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.orders.end(principal, id);
  }
}
