import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdministratorsOnly, CurrentAdministrator } from '../admin/administrator.guard';
import type { Actor } from '../admin/audit-log.service';
import { ApiPageResponse } from '../common/api-docs';
import { ParseId } from '../common/id.pipe';
import { Page } from '../common/pagination';
import {
  CreateNetworkClosureDto,
  NetworkClosureQuery,
  NetworkClosureView,
} from './network-closures.dto';
import { NetworkClosures } from './network-closures.service';

/** Disruptions as administrators manage them: close a hub, service or road link, reopen it. */
@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin/network/closures')
export class NetworkClosuresAdminController {
  constructor(private readonly closures: NetworkClosures) {}

  @Post()
  @ApiCreatedResponse({ type: NetworkClosureView })
  @ApiOperation({
    summary:
      'Close a hub, sea service, air route, ferry crossing or road link for a period: proposals using it are superseded and the markets re-optimised around it',
  })
  create(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: CreateNetworkClosureDto,
  ): Promise<NetworkClosureView> {
    return this.closures.create(dto, actor);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: NetworkClosureView })
  @ApiOperation({ summary: 'Reopen a closed hub or service before its period ends' })
  reopen(
    @CurrentAdministrator() actor: Actor,
    @Param('id', ParseId) id: string,
  ): Promise<NetworkClosureView> {
    return this.closures.reopen(id, actor);
  }
}

/** Disruptions as every party sees them: why a route is missing this week. */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('network/closures')
export class NetworkClosuresController {
  constructor(private readonly closures: NetworkClosures) {}

  @Get()
  @ApiOperation({ summary: 'Closures of hubs and services: scheduled, in force and ended' })
  @ApiPageResponse(NetworkClosureView)
  list(@Query() query: NetworkClosureQuery): Promise<Page<NetworkClosureView>> {
    return this.closures.list(query);
  }
}
