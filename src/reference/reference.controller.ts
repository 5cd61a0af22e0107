import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../platform/route-access';
import { DomainError } from '../common/domain-error';
import { CostlyRead } from '../platform/rate-limit.decorator';
import { DEFAULT_PAGE_SIZE, invalidCursor, Page } from '../common/pagination';
import { CommodityQuery, CommodityView, RegionQuery, RegionView } from './reference.dto';
import { ReferenceService } from './reference.service';
import { ApiPageResponse } from '../common/api-docs';

const MAX_PAGE_SIZE = 100;

/**
 * A page of reference rows ordered by code: the cursor is simply the last code seen. A cursor
 * that is not a known code was not issued by us: 400, not a silently empty page.
 */
function codePage<Row extends { code: string }, View>(
  rows: Row[],
  limit: number,
  cursor: string | undefined,
  isKnown: (code: string) => boolean,
  view: (row: Row) => View,
): Page<View> {
  const after = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (cursor && !isKnown(after)) throw invalidCursor();
  const matches = rows.filter((r) => r.code > after).sort((a, b) => (a.code < b.code ? -1 : 1));
  const items = matches.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    nextCursor:
      matches.length > limit && last ? Buffer.from(last.code).toString('base64url') : null,
  };
}

@ApiTags('reference')
/** Reference data is public knowledge: readable without an account. */
@Public()
@Controller()
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('regions')
  @CostlyRead()
  @ApiOperation({ summary: 'Search regions (provinces, regencies, cities) by name or code' })
  @ApiPageResponse(RegionView)
  listRegions(@Query() query: RegionQuery): Page<RegionView> {
    // Anything but a region code was not issued by us: 400, not a silently empty page.
    return codePage(
      this.reference.searchRegions(query),
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor,
      (code) => !!this.reference.region(code),
      (r) => RegionView.from(r),
    );
  }

  @Get('regions/:code')
  @ApiOperation({ summary: 'One region by its BPS code' })
  @ApiOkResponse({ type: RegionView })
  getRegion(@Param('code') code: string): RegionView {
    const region = this.reference.region(code);
    if (!region) throw DomainError.notFound(`Region ${code}`);
    return RegionView.from(region);
  }

  @Get('commodities')
  @ApiOperation({ summary: 'The commodity catalogue, ordered by code' })
  @ApiPageResponse(CommodityView)
  listCommodities(@Query() query: CommodityQuery): Page<CommodityView> {
    return codePage(
      this.reference.listCommodities(),
      query.limit ?? MAX_PAGE_SIZE,
      query.cursor,
      (code) => !!this.reference.commodity(code),
      (c) => CommodityView.from(c),
    );
  }

  @Get('commodities/:code')
  @ApiOperation({ summary: 'One commodity: grades, unit, shelf life' })
  @ApiOkResponse({ type: CommodityView })
  getCommodity(@Param('code') code: string): CommodityView {
    const commodity = this.reference.commodity(code);
    if (!commodity) throw DomainError.notFound(`Commodity ${code}`);
    return CommodityView.from(commodity);
  }
}
