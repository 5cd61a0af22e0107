import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../accounts/auth/auth.decorators';
import type { Principal } from '../../accounts/principal';
import { ParseId } from '../../common/id.pipe';
import type { Page } from '../../common/pagination';
import { ExclusionQuery, ExclusionView } from './exclusion.dto';
import { ExclusionsService } from './exclusions.service';

@ApiTags('matches')
@ApiBearerAuth()
@Controller('exclusions')
export class ExclusionsController {
  constructor(private readonly exclusions: ExclusionsService) {}

  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExclusionQuery,
  ): Promise<Page<ExclusionView>> {
    return this.exclusions.list(principal, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'lifted; the commodity is re-optimised' })
  lift(@CurrentPrincipal() principal: Principal, @Param('id', ParseId) id: string): Promise<void> {
    return this.exclusions.lift(principal, id);
  }
}
