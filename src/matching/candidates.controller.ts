import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../accounts/auth/auth.decorators';
import type { Principal } from '../accounts/principal';
import { ParseId } from '../common/id.pipe';
import { CostlyRead } from '../platform/rate-limit.decorator';
import { CandidatesQuery, CandidatesView } from './candidates.dto';
import { CandidatesService } from './candidates.service';

@ApiTags('matches')
@ApiBearerAuth()
@Controller()
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Get('demand-requests/:id/candidates')
  @CostlyRead()
  @ApiOkResponse({ type: CandidatesView })
  @ApiOperation({ summary: 'Why no match? The nearest listings for a request and what stops each' })
  forRequest(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Query() query: CandidatesQuery,
  ): Promise<CandidatesView> {
    return this.candidates.forRequest(principal, id, query.limit);
  }

  @Get('supply-listings/:id/candidates')
  @CostlyRead()
  @ApiOkResponse({ type: CandidatesView })
  @ApiOperation({ summary: 'Why no match? The nearest requests for a listing and what stops each' })
  forListing(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Query() query: CandidatesQuery,
  ): Promise<CandidatesView> {
    return this.candidates.forListing(principal, id, query.limit);
  }
}
