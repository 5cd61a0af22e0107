import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AllowOrganizationTypes, CurrentPrincipal } from '../../accounts/auth/auth.decorators';
import type { Principal } from '../../accounts/principal';
import { DomainError } from '../../common/domain-error';
import { createWithinCap } from '../../common/tenant-cap';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ParseId } from '../../common/id.pipe';
import { keysetPage, PageQuery } from '../../common/pagination';
import { queryReturning } from '../../common/query-returning';
import { Problems } from '../../common/problems';
import { ReferenceService } from '../../reference/reference.service';
import { WatchlistView } from './watchlist.dto';
import { Watchlist } from './watchlist.entity';
import { ApiPageResponse } from '../../common/api-docs';
import { CreateWatchlistDto } from './watchlist.dto';

const view = (w: Watchlist): WatchlistView => ({
  id: w.id,
  commodityCode: w.commodityCode,
  originCode: w.originCode,
  destinationCode: w.destinationCode,
  minQuantity: w.minQuantity,
  createdAt: w.createdAt.toISOString(),
});

@Injectable()
export class WatchlistsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, dto: CreateWatchlistDto) {
    new Problems()
      .check(
        !!this.reference.commodity(dto.commodityCode),
        'commodityCode',
        `unknown commodity ${dto.commodityCode}`,
      )
      .check(
        !dto.originCode || !!this.reference.region(dto.originCode),
        'originCode',
        `unknown region ${dto.originCode}`,
      )
      .check(
        !dto.destinationCode || !!this.reference.region(dto.destinationCode),
        'destinationCode',
        `unknown region ${dto.destinationCode}`,
      )
      .throwIfAny();
    const saved = await this.dataSource.transaction((manager) =>
      createWithinCap(
        manager,
        principal.organizationId,
        {
          cap: 'WATCHLISTS_PER_ORGANIZATION',
          countSql: `SELECT 1 FROM watchlists WHERE organization_id = $1`,
          what: 'watchlists',
        },
        this.config.caps.WATCHLISTS_PER_ORGANIZATION,
        () =>
          manager.save(
            manager.create(Watchlist, {
              organizationId: principal.organizationId,
              commodityCode: dto.commodityCode,
              originCode: dto.originCode ?? null,
              destinationCode: dto.destinationCode ?? null,
              minQuantity: dto.minQuantity ?? null,
            }),
          ),
      ),
    );
    return view(saved);
  }

  async list(principal: Principal, query: PageQuery) {
    const qb = this.dataSource
      .getRepository(Watchlist)
      .createQueryBuilder('w')
      .where('w.organization_id = :org', { org: principal.organizationId });
    return keysetPage(qb, 'w', query, view);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const rows = await queryReturning<{ id: string }>(
      this.dataSource.manager,
      `DELETE FROM watchlists WHERE id = $1 AND organization_id = $2 RETURNING id`,
      [id, principal.organizationId],
    );
    if (rows.length === 0) throw DomainError.notFound('Watchlist');
  }
}

@ApiTags('watchlists')
@ApiBearerAuth()
@AllowOrganizationTypes('trader')
@Controller('watchlists')
export class WatchlistsController {
  constructor(private readonly watchlists: WatchlistsService) {}

  @Post()
  @ApiOperation({ summary: 'Watch a commodity and corridor (traders)' })
  @ApiCreatedResponse({ type: WatchlistView })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWatchlistDto) {
    return this.watchlists.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "The organization's watchlists" })
  @ApiPageResponse(WatchlistView)
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery) {
    return this.watchlists.list(principal, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop watching' })
  @ApiNoContentResponse()
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<void> {
    return this.watchlists.remove(principal, id);
  }
}
