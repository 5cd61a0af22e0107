import { assertOwner } from '../members/members.service';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../principal';
import { MatchingPreferencesDto, MatchingPreferencesView } from './matching-preferences.dto';
import { MatchingPreferences } from './matching-preferences.service';

/** Separate from PATCH /organizations/me (contacts): a matching rule, not a profile field. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('organizations/me/matching-preferences')
export class MatchingPreferencesController {
  constructor(private readonly preferences: MatchingPreferences) {}

  @Get()
  @ApiOkResponse({ type: MatchingPreferencesView })
  @ApiOperation({ summary: "The organization's matching preferences" })
  get(@CurrentPrincipal() principal: Principal): Promise<MatchingPreferencesView> {
    return this.preferences.get(principal.organizationId);
  }

  @Put()
  @ApiOkResponse({ type: MatchingPreferencesView })
  @ApiOperation({ summary: "Replace the organization's matching preferences" })
  set(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: MatchingPreferencesDto,
  ): Promise<MatchingPreferencesView> {
    assertOwner(principal);
    return this.preferences.set(principal.organizationId, dto);
  }
}
