import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllowOrganizationTypes } from '../accounts/auth/auth.decorators';
import { ApiPageResponse } from '../common/api-docs';
import type { Page } from '../common/pagination';
import { BALANCE_CSV_COLUMNS, FLOW_CSV_COLUMNS, toCsv } from './balance-csv';
import { BalanceFlowView, BalanceQuery, BalanceRowView } from './balance.dto';
import { BalanceService } from './balance.service';

const CSV_NOTE =
  'CSV with ?format=csv or Accept: text/csv: the same rows, `;`-separated with Indonesian ' +
  'headers (docs/balance.md), the next page in the X-Next-Cursor header.';

/**
 * The regional balance (neraca). Read by government offices (they plan from it, DESIGN: "reads
 * aggregate flows") and procurement offices (public buyers planning purchases); not by
 * cooperatives or traders: at regency level one cooperative can be a region's whole supply, so a
 * cell would show a competitor's volumes week by week. No prices and no organizations appear.
 */
@ApiTags('balance')
@ApiBearerAuth()
@Controller('balance')
@AllowOrganizationTypes('government', 'procurement')
export class BalanceController {
  constructor(private readonly balance: BalanceService) {}

  @Get()
  @ApiOperation({
    summary: 'Regional balance (neraca) per region, commodity and ISO week',
    description: `Supply and demand posted, proposed, confirmed and delivered, and the surplus or deficit. Weeks are ISO weeks in the region's zone (WIB, WITA, WIT). ${CSV_NOTE}`,
  })
  @ApiPageResponse(BalanceRowView, 'one page in (week, region, commodity) order')
  async regions(
    @Query() query: BalanceQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page<BalanceRowView> | string> {
    const csv = wantsCsv(query, accept);
    const page = await this.balance.regions(query, csv);
    return csv ? sendCsv(res, 'neraca', toCsv(BALANCE_CSV_COLUMNS, page.items), page) : page;
  }

  @Get('flows')
  @ApiOperation({
    summary: 'Flows between regions per commodity and week of arrival, in tonnes',
    description: `Origin -> destination at one level, proposed, confirmed and delivered. regionCode matches either end. ${CSV_NOTE}`,
  })
  @ApiPageResponse(BalanceFlowView, 'one page in (week, origin, destination, commodity) order')
  async flows(
    @Query() query: BalanceQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page<BalanceFlowView> | string> {
    const csv = wantsCsv(query, accept);
    const page = await this.balance.flows(query, csv);
    return csv
      ? sendCsv(res, 'arus-antarwilayah', toCsv(FLOW_CSV_COLUMNS, page.items), page)
      : page;
  }
}

function wantsCsv(query: BalanceQuery, accept: string | undefined): boolean {
  if (query.format) return query.format === 'csv';
  return /\btext\/csv\b/.test(accept ?? '');
}

function sendCsv(res: Response, name: string, body: string, page: Page<unknown>): string {
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  if (page.nextCursor) res.setHeader('X-Next-Cursor', page.nextCursor);
  return body;
}
