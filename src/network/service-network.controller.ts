import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdministratorsOnly, CurrentAdministrator } from '../admin/administrator.guard';
import type { Actor } from '../admin/audit-log.service';
import {
  CreateAirRouteDto,
  CreateFerryCrossingDto,
  CreateHubHandlingDto,
  CreateSeaServiceDto,
  CreateTruckClassDto,
  ServiceNetworkRevisionView,
  UpdateAirRouteDto,
  UpdateFerryCrossingDto,
  UpdateHubHandlingDto,
  UpdateSeaServiceDto,
  UpdateTruckClassDto,
} from './service-network.dto';
import { ServiceNetworkAdmin } from './service-network-admin.service';

/*
 * The service network as administrators edit it (#10 point 1): one controller per kind of row,
 * each with the same five routes. Every change is a new revision (history kept), recorded as a
 * network version; matching re-optimises the open markets on it. Non-administrators get the
 * 404 of every administration route.
 */

@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin/network/sea-services')
export class SeaServiceAdminController {
  constructor(private readonly network: ServiceNetworkAdmin) {}

  @Get()
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({ summary: 'The current revision of every sea service, deactivated ones included' })
  list(): Promise<ServiceNetworkRevisionView[]> {
    return this.network.list('sea_service');
  }

  @Get(':code/revisions')
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({ summary: 'Every revision of one sea service, newest first' })
  history(@Param('code') code: string): Promise<ServiceNetworkRevisionView[]> {
    return this.network.history('sea_service', code);
  }

  @Post()
  @ApiCreatedResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({ summary: 'Add a sea service: the markets are re-optimised with it' })
  create(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: CreateSeaServiceDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.create('sea_service', { ...dto }, actor);
  }

  @Patch(':code')
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Change a sea service (a new revision; `active` deactivates or reactivates it)',
  })
  update(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
    @Body() dto: UpdateSeaServiceDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.update('sea_service', code, { ...dto }, actor);
  }

  @Post(':code/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Deactivate a sea service: proposals using it are superseded, routes avoid it',
  })
  deactivate(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.deactivate('sea_service', code, actor);
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin/network/ferry-crossings')
export class FerryCrossingAdminController {
  constructor(private readonly network: ServiceNetworkAdmin) {}

  @Get()
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({
    summary: 'The current revision of every ferry crossing, deactivated ones included',
  })
  list(): Promise<ServiceNetworkRevisionView[]> {
    return this.network.list('ferry_crossing');
  }

  @Get(':code/revisions')
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({ summary: 'Every revision of one ferry crossing, newest first' })
  history(@Param('code') code: string): Promise<ServiceNetworkRevisionView[]> {
    return this.network.history('ferry_crossing', code);
  }

  @Post()
  @ApiCreatedResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({ summary: 'Add a ferry crossing: the markets are re-optimised with it' })
  create(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: CreateFerryCrossingDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.create('ferry_crossing', { ...dto }, actor);
  }

  @Patch(':code')
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Change a ferry crossing (a new revision; `active` deactivates or reactivates it)',
  })
  update(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
    @Body() dto: UpdateFerryCrossingDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.update('ferry_crossing', code, { ...dto }, actor);
  }

  @Post(':code/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Deactivate a ferry crossing: proposals using it are superseded, routes avoid it',
  })
  deactivate(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.deactivate('ferry_crossing', code, actor);
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin/network/air-routes')
export class AirRouteAdminController {
  constructor(private readonly network: ServiceNetworkAdmin) {}

  @Get()
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({ summary: 'The current revision of every air route, deactivated ones included' })
  list(): Promise<ServiceNetworkRevisionView[]> {
    return this.network.list('air_route');
  }

  @Get(':code/revisions')
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({ summary: 'Every revision of one air route, newest first' })
  history(@Param('code') code: string): Promise<ServiceNetworkRevisionView[]> {
    return this.network.history('air_route', code);
  }

  @Post()
  @ApiCreatedResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({ summary: 'Add a air route: the markets are re-optimised with it' })
  create(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: CreateAirRouteDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.create('air_route', { ...dto }, actor);
  }

  @Patch(':code')
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Change a air route (a new revision; `active` deactivates or reactivates it)',
  })
  update(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
    @Body() dto: UpdateAirRouteDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.update('air_route', code, { ...dto }, actor);
  }

  @Post(':code/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Deactivate a air route: proposals using it are superseded, routes avoid it',
  })
  deactivate(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.deactivate('air_route', code, actor);
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin/network/truck-classes')
export class TruckClassAdminController {
  constructor(private readonly network: ServiceNetworkAdmin) {}

  @Get()
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({ summary: 'The current revision of every truck class, deactivated ones included' })
  list(): Promise<ServiceNetworkRevisionView[]> {
    return this.network.list('truck_class');
  }

  @Get(':code/revisions')
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({ summary: 'Every revision of one truck class, newest first' })
  history(@Param('code') code: string): Promise<ServiceNetworkRevisionView[]> {
    return this.network.history('truck_class', code);
  }

  @Post()
  @ApiCreatedResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({ summary: 'Add a truck class: the markets are re-optimised with it' })
  create(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: CreateTruckClassDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.create('truck_class', { ...dto }, actor);
  }

  @Patch(':code')
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Change a truck class (a new revision; `active` deactivates or reactivates it)',
  })
  update(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
    @Body() dto: UpdateTruckClassDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.update('truck_class', code, { ...dto }, actor);
  }

  @Post(':code/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Deactivate a truck class: proposals using it are superseded, routes avoid it',
  })
  deactivate(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.deactivate('truck_class', code, actor);
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin/network/hub-handling')
export class HubHandlingAdminController {
  constructor(private readonly network: ServiceNetworkAdmin) {}

  @Get()
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({
    summary: 'The current revision of every hub handling row, deactivated ones included',
  })
  list(): Promise<ServiceNetworkRevisionView[]> {
    return this.network.list('hub_handling');
  }

  @Get(':code/revisions')
  @ApiOkResponse({ type: [ServiceNetworkRevisionView] })
  @ApiOperation({ summary: 'Every revision of one hub handling row, newest first' })
  history(@Param('code') code: string): Promise<ServiceNetworkRevisionView[]> {
    return this.network.history('hub_handling', code);
  }

  @Post()
  @ApiCreatedResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({ summary: 'Add a hub handling row: the markets are re-optimised with it' })
  create(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: CreateHubHandlingDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.create('hub_handling', { ...dto }, actor);
  }

  @Patch(':code')
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Change a hub handling row (a new revision; `active` deactivates or reactivates it)',
  })
  update(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
    @Body() dto: UpdateHubHandlingDto,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.update('hub_handling', code, { ...dto }, actor);
  }

  @Post(':code/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceNetworkRevisionView })
  @ApiOperation({
    summary: 'Deactivate a hub handling row: proposals using it are superseded, routes avoid it',
  })
  deactivate(
    @CurrentAdministrator() actor: Actor,
    @Param('code') code: string,
  ): Promise<ServiceNetworkRevisionView> {
    return this.network.deactivate('hub_handling', code, actor);
  }
}

export const SERVICE_NETWORK_CONTROLLERS = [
  SeaServiceAdminController,
  FerryCrossingAdminController,
  AirRouteAdminController,
  TruckClassAdminController,
  HubHandlingAdminController,
];
