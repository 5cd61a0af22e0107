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
  CreateSupplyListingDto,
  SupplyListingQuery,
  SupplyListingView,
  UpdateSupplyListingDto,
} from './supply-listing.dto';
import { SupplyListingsService } from './supply-listings.service';
import { ApiPageResponse } from '../../common/api-docs';

@ApiTags('supply listings')
@ApiBearerAuth()
@Controller('supply-listings')
export class SupplyListingsController {
  constructor(private readonly listings: SupplyListingsService) {}

  @Post()
  @AllowOrganizationTypes('cooperative', 'trader')
  @ApiCreatedResponse({ type: SupplyListingView })
  @ApiOperation({ summary: 'Post a supply listing (cooperatives, traders)' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateSupplyListingDto) {
    return this.listings.create(principal, dto);
  }

  @Get()
  @CostlyRead()
  @ApiOperation({ summary: "Supply listings: one's own, with what remains" })
  @ApiPageResponse(SupplyListingView)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SupplyListingQuery,
  ): Promise<Page<SupplyListingView>> {
    return this.listings.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SupplyListingView })
  @ApiOperation({ summary: 'One supply listing' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.listings.get(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SupplyListingView })
  @ApiOperation({ summary: "Change a listing's terms" })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Body() dto: UpdateSupplyListingDto,
  ) {
    return this.listings.update(principal, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: SupplyListingView })
  @ApiOperation({ summary: 'Withdraw a listing: what remains is no longer offered' })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string) {
    return this.listings.withdraw(principal, id);
  }
}
