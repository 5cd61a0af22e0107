import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowOrganizationTypes, CurrentPrincipal } from '../accounts/auth/auth.decorators';
import type { Principal } from '../accounts/principal';
import type { Page } from '../common/pagination';
import { AgreementQuery, AgreementView, CreateAgreementDto } from './agreement.dto';
import { AgreementsService } from './agreements.service';
import { ApiPageResponse } from '../common/api-docs';

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @AllowOrganizationTypes('government')
  @ApiCreatedResponse({ type: AgreementView })
  @ApiOperation({ summary: 'Record an inter-regional agreement (governments)' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateAgreementDto,
  ): Promise<AgreementView> {
    return this.agreements.create(principal, dto);
  }

  /** Agreements are public acts of government: every organization may read them. */
  @Get()
  @ApiOperation({ summary: 'Inter-regional agreements (public acts)' })
  @ApiPageResponse(AgreementView)
  list(@Query() query: AgreementQuery): Promise<Page<AgreementView>> {
    return this.agreements.list(query);
  }
}
