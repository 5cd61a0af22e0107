import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../accounts/auth/auth.decorators';
import type { Principal } from '../accounts/principal';
import { ParseId } from '../common/id.pipe';
import type { Page } from '../common/pagination';
import { MatchQuery, MatchView } from './match.dto';
import { MatchesService } from './matches.service';
import { ApiPageResponse } from '../common/api-docs';

@ApiTags('matches')
@ApiBearerAuth()
@Controller('matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Get()
  @ApiOperation({ summary: 'Proposals and matches involving the organization' })
  @ApiPageResponse(MatchView)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MatchQuery,
  ): Promise<Page<MatchView>> {
    return this.matches.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: MatchView })
  @ApiOperation({ summary: 'One match with its landed-cost explanation' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<MatchView> {
    return this.matches.get(principal, id);
  }
}
