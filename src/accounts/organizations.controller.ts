import { Body, Controller, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from './auth/auth.decorators';
import { OrganizationContactDto, OrganizationView } from './auth/auth.dto';
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
}
