import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from './auth/auth.decorators';
import { OrganizationContactDto, OrganizationView } from './auth/auth.dto';
import { GovernmentsQuery, GovernmentView } from './governments.dto';
import type { Principal } from './principal';
import { OrganizationsService } from './organizations.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** The organization's contact for counterparts (only its owner, the first user, may change it). */
  @Patch('me')
  @ApiOkResponse({ type: OrganizationView })
  @ApiOperation({ summary: "Change the organization's contact for counterparts" })
  updateMine(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: OrganizationContactDto,
  ): Promise<OrganizationView> {
    return this.organizations.updateContact(principal, dto);
  }

  /**
   * The verified governments of a region, so that a government can name the other side of an
   * agreement it proposes (POST /agreements takes its id). Governments are public bodies and
   * their agreements public acts; only verified ones can be a counterpart, so only those appear.
   */
  @Get('governments')
  @ApiOkResponse({ type: [GovernmentView] })
  @ApiOperation({
    summary: "A region's verified government organizations (agreement counterparts)",
  })
  governments(@Query() query: GovernmentsQuery): Promise<GovernmentView[]> {
    return this.organizations.governments(query.regionCode);
  }
}
