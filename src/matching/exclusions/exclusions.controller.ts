import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../accounts/auth/auth.decorators';
import type { Principal } from '../../accounts/principal';
import { ParseId } from '../../common/id.pipe';
import type { Page } from '../../common/pagination';
import { ExclusionQuery, ExclusionView } from './exclusion.dto';
import { ExclusionsService } from './exclusions.service';
import { ApiPageResponse } from '../../common/api-docs';

@ApiTags('matches')
@ApiBearerAuth()
@Controller('exclusions')
export class ExclusionsController {
  constructor(private readonly exclusions: ExclusionsService) {}

  @Get()
  @ApiOperation({ summary: 'Counterparts the organization declined (never proposed again)' })
  @ApiPageResponse(ExclusionView)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExclusionQuery,
  ): Promise<Page<ExclusionView>> {
    return this.exclusions.list(principal, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'lifted; the commodity is re-optimised' })
  @ApiOperation({ summary: 'Lift an exclusion: the pair may be proposed again' })
  lift(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string): Promise<void> {
    return this.exclusions.lift(principal, id);
  }
}
