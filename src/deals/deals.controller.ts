import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../accounts/auth/auth.decorators';
import type { Principal } from '../accounts/principal';
import { ParseId } from '../common/id.pipe';
import type { Page } from '../common/pagination';
import { DeclineMatchDto } from '../matching/exclusions/exclusion.dto';
import { MatchView } from '../matching/match.dto';
import { DecisionsService } from './decisions.service';
import { DisputeClaimDto, TradeQuery, TradeView, UpdateTradeDto } from './trade.dto';
import { TradesService } from './trades.service';
import { ApiPageResponse } from '../common/api-docs';

@ApiTags('deals')
@ApiBearerAuth()
@Controller()
export class DealsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly trades: TradesService,
  ) {}

  @Post('matches/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchView })
  @ApiOperation({ summary: 'Accept a proposal; both acceptances make a trade' })
  accept(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<MatchView> {
    return this.decisions.accept(principal, id);
  }

  @Post('matches/:id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchView })
  @ApiOperation({ summary: 'Decline a proposal with a reason' })
  decline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Body() dto: DeclineMatchDto,
  ): Promise<MatchView> {
    return this.decisions.decline(principal, id, dto);
  }

  @Get('trades')
  @ApiOperation({ summary: 'Trades of the organization' })
  @ApiPageResponse(TradeView)
  listTrades(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TradeQuery,
  ): Promise<Page<TradeView>> {
    return this.trades.list(principal, query);
  }

  @Get('trades/:id')
  @ApiOkResponse({ type: TradeView })
  @ApiOperation({ summary: "One trade with both parties' contacts" })
  getTrade(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<TradeView> {
    return this.trades.get(principal, id);
  }

  @Patch('trades/:id')
  @ApiOkResponse({ type: TradeView })
  @ApiOperation({ summary: "Record the trade's next step (shipped, delivered, quality found)" })
  updateTrade(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Body() dto: UpdateTradeDto,
  ): Promise<TradeView> {
    return this.trades.update(principal, id, dto);
  }

  @Post('trades/:id/claim/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: TradeView, description: 'the supplier accepts the delivery claim' })
  @ApiOperation({ summary: "Accept the buyer's delivery claim (supplier)" })
  acceptClaim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<TradeView> {
    return this.trades.answerClaim(principal, id, 'accepted');
  }

  @Post('trades/:id/claim/dispute')
  @HttpCode(200)
  @ApiOkResponse({ type: TradeView, description: 'the supplier disputes the delivery claim' })
  @ApiOperation({ summary: "Dispute the buyer's delivery claim (supplier)" })
  disputeClaim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Body() dto: DisputeClaimDto,
  ): Promise<TradeView> {
    return this.trades.answerClaim(principal, id, 'disputed', dto);
  }
}
