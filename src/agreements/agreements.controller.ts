import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AllowOrganizationTypes, CurrentPrincipal } from '../accounts/auth/auth.decorators';
import type { Principal } from '../accounts/principal';
import { ParseId } from '../common/id.pipe';
import type { Page } from '../common/pagination';
import {
  AgreementPeriodView,
  AgreementQuery,
  AgreementReportQuery,
  AgreementView,
  CreateAgreementDto,
} from './agreement.dto';
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

  @Get(':id')
  @ApiOperation({ summary: 'One inter-regional agreement (public)' })
  @ApiOkResponse({ type: AgreementView })
  get(@Param('id', ParseId) id: string): Promise<AgreementView> {
    return this.agreements.get(id);
  }

  /** Committed, proposed, confirmed and delivered volumes per week and commodity (public too). */
  @Get(':id/fulfilment')
  @ApiOperation({ summary: "An agreement's committed and delivered volumes per week" })
  @ApiOkResponse({ type: [AgreementPeriodView] })
  fulfilment(
    @Param('id', ParseId) id: string,
    @Query() query: AgreementReportQuery,
  ): Promise<AgreementPeriodView[]> {
    return this.agreements.report(id, query);
  }

  @Post(':id/accept')
  @ApiOperation({ summary: 'Accept a proposed agreement (the counterpart government)' })
  @HttpCode(200)
  @AllowOrganizationTypes('government')
  @ApiOkResponse({ type: AgreementView })
  accept(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<AgreementView> {
    return this.agreements.accept(principal, id);
  }

  /** Withdraws or declines a proposal; gives notice to end an agreement in force. */
  @Post(':id/end')
  @ApiOperation({ summary: 'Withdraw, decline or give notice to end an agreement' })
  @HttpCode(200)
  @AllowOrganizationTypes('government')
  @ApiOkResponse({ type: AgreementView })
  end(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<AgreementView> {
    return this.agreements.end(principal, id);
  }
}
