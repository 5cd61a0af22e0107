import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../accounts/auth/auth.decorators';
import { DomainError } from '../common/domain-error';
import { CostlyRead } from '../platform/rate-limit.decorator';
import { DEFAULT_PAGE_SIZE, invalidCursor, Page } from '../common/pagination';
import { CommodityView, RegionQuery, RegionView } from './reference.dto';
import { ReferenceService } from './reference.service';

@ApiTags('reference')
/** Reference data is public knowledge: readable without an account. */
@Public()
@Controller()
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('regions')
  @CostlyRead()
  listRegions(@Query() query: RegionQuery): Page<RegionView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // Regions are ordered by code, so the cursor is simply the last code seen.
    const after = query.cursor ? Buffer.from(query.cursor, 'base64url').toString('utf8') : '';
    // Anything but a region code was not issued by us: 400, not a silently empty page.
    if (query.cursor && !this.reference.region(after)) throw invalidCursor();
    const matches = this.reference.searchRegions(query).filter((r) => r.code > after);
    const items = matches.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => RegionView.from(r)),
      nextCursor:
        matches.length > limit && last ? Buffer.from(last.code).toString('base64url') : null,
    };
  }

  @Get('regions/:code')
  getRegion(@Param('code') code: string): RegionView {
    const region = this.reference.region(code);
    if (!region) throw DomainError.notFound(`Region ${code}`);
    return RegionView.from(region);
  }

  @Get('commodities')
  listCommodities(): Page<CommodityView> {
    return {
      items: this.reference.listCommodities().map((c) => CommodityView.from(c)),
      nextCursor: null,
    };
  }

  @Get('commodities/:code')
  getCommodity(@Param('code') code: string): CommodityView {
    const commodity = this.reference.commodity(code);
    if (!commodity) throw DomainError.notFound(`Commodity ${code}`);
    return CommodityView.from(commodity);
  }
}
