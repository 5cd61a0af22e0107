import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { ServiceNetworkKind } from '../events/event-catalog';
import type { FerryVehicleClass, SeaServiceKind } from '../logistics/logistics.types';

/**
 * Bodies and views of the service network as administrators edit it (#10 point 1). Every figure
 * an administrator enters carries its public source in `source`, as the seeded rows do.
 */

const CODE = /^[a-z0-9][a-z0-9-]{1,99}$/;
const SEA_SERVICE_KINDS: readonly SeaServiceKind[] = [
  'container',
  'roro',
  'short_sea',
  'pelni',
  'tol_laut',
];
const FERRY_CLASSES: readonly FerryVehicleClass[] = ['pickup', 'engkel', 'fuso', 'tronton'];

/** Whole rupiah (an int4 column). */
const Rupiah = (example: number, description?: string) =>
  applyDecorators(
    ApiProperty({ example, description, minimum: 0 }),
    IsInt(),
    Min(0),
    Max(2_000_000_000),
  );

/** A positive duration or frequency (hours, departures): fractions allowed. */
const Positive = (example: number, max: number, description?: string) =>
  applyDecorators(
    ApiProperty({ example, description, exclusiveMinimum: true, minimum: 0, maximum: max }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0.01),
    Max(max),
  );

const Count = (example: number, max: number, description?: string) =>
  applyDecorators(ApiProperty({ example, description, minimum: 0 }), IsInt(), Min(0), Max(max));

const Code = (example: string, description: string) =>
  applyDecorators(
    ApiProperty({ example, description }),
    IsString(),
    Matches(CODE, { message: '$property must be lowercase letters, digits and dashes' }),
  );

const HubCode = (example: string, description: string) =>
  applyDecorators(
    ApiProperty({ example, description }),
    IsString(),
    Matches(CODE, { message: '$property must be a hub code' }),
  );

class Sourced {
  @ApiProperty({
    example: 'Garuda domestic cargo tariff: https://papuatoday.com/?p=14822; frequency an estimate',
    description: 'the public source of the figures, estimates labelled as such',
  })
  @IsString()
  @Length(10, 2000)
  source: string;
}

export class CreateSeaServiceDto extends Sourced {
  @Code('dumai--batu-ampar', 'unique among hubs and services')
  code: string;
  @HubCode('port-dumai', 'a sea port (one row serves both directions)')
  fromHub: string;
  @HubCode('port-batu-ampar', 'a sea port')
  toHub: string;
  @ApiProperty({ enum: SEA_SERVICE_KINDS })
  @IsIn(SEA_SERVICE_KINDS, { message: `kind must be one of ${SEA_SERVICE_KINDS.join(', ')}` })
  kind: SeaServiceKind;
  @Positive(15.6, 1000)
  sailingHours: number;
  @Positive(14, 100)
  departuresPerWeek: number;
  @Count(0, 10_000, '0: no reefer containers')
  reeferPlugs: number;
  @ApiProperty({ description: 'part loads (LCL) accepted' })
  @IsBoolean()
  lcl: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: no containers' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  rate20ftIdr: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: no reefer containers' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  rate20ftReeferIdr: number | null;
  @Rupiah(1300)
  lclIdrPerKg: number;
  @Count(100, 1_000_000, 'minimum chargeable kg of a part load')
  lclMinKg: number;
}

export class CreateFerryCrossingDto extends Sourced {
  @Code('ketapang-gilimanuk', 'unique among hubs and services')
  code: string;
  @HubCode('port-ketapang', 'a (ferry) sea port')
  fromHub: string;
  @HubCode('port-gilimanuk', 'a (ferry) sea port')
  toHub: string;
  @Positive(1, 200)
  crossingHours: number;
  @Positive(48, 500)
  departuresPerDay: number;
  @Rupiah(192200)
  farePickupIdr: number;
  @Rupiah(326200)
  fareEngkelIdr: number;
  @Rupiah(534300)
  fareFusoIdr: number;
  @Rupiah(664100)
  fareTrontonIdr: number;
}

export class CreateAirRouteDto extends Sourced {
  @Code('juanda--hang-nadim', 'unique among hubs and services')
  code: string;
  @HubCode('airport-juanda', 'an airport (one row serves both directions)')
  fromHub: string;
  @HubCode('airport-hang-nadim', 'an airport')
  toHub: string;
  @Positive(4, 500)
  flightsPerDay: number;
  @Positive(2.5, 48)
  flightHours: number;
  @Rupiah(19000)
  idrPerKg: number;
  @Count(10, 100_000, 'minimum chargeable kg')
  minChargeKg: number;
  @Rupiah(25000)
  documentFeeIdr: number;
}

export class CreateTruckClassDto extends Sourced {
  @ApiProperty({ example: 'engkel-reefer' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,31}$/, {
    message: 'code must be lowercase letters, digits and dashes (at most 32)',
  })
  code: string;
  @ApiProperty({ example: 'Truk engkel berpendingin' })
  @IsString()
  @Length(2, 100)
  name: string;
  @ApiProperty()
  @IsBoolean()
  reefer: boolean;
  @Count(3000, 100_000)
  capacityKg: number;
  @ApiProperty({ enum: FERRY_CLASSES, description: 'the fare class it pays on a ferry' })
  @IsIn(FERRY_CLASSES, { message: `ferryClass must be one of ${FERRY_CLASSES.join(', ')}` })
  ferryClass: FerryVehicleClass;
  @Rupiah(5000)
  idrPerKm: number;
  @Rupiah(600000)
  minTripIdr: number;
}

export class CreateHubHandlingDto extends Sourced {
  @ApiProperty({
    example: 'airport-juanda',
    description: 'a hub code, or default-airport / default-sea_port for hubs without a row',
  })
  @IsString()
  @Matches(CODE, { message: 'hub must be a hub code' })
  hub: string;
  @Positive(8, 500)
  handlingHours: number;
  @Rupiah(1000)
  handlingIdrPerKg: number;
  @ApiPropertyOptional({
    default: false,
    description:
      'reefer plugs on the yard or a cold store: a reefer lot handled here stays cold (false: a break in the cold chain)',
  })
  @IsOptional()
  @IsBoolean()
  coldStore?: boolean;
}

/** An edit names only what changes; `active: false` deactivates the row, `true` reactivates it. */
export class UpdateSeaServiceDto extends PartialType(
  OmitType(CreateSeaServiceDto, ['code'] as const),
) {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
export class UpdateFerryCrossingDto extends PartialType(
  OmitType(CreateFerryCrossingDto, ['code'] as const),
) {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
export class UpdateAirRouteDto extends PartialType(OmitType(CreateAirRouteDto, ['code'] as const)) {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
export class UpdateTruckClassDto extends PartialType(
  OmitType(CreateTruckClassDto, ['code'] as const),
) {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
export class UpdateHubHandlingDto extends PartialType(
  OmitType(CreateHubHandlingDto, ['hub'] as const),
) {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

/** One revision of a row as administrators see it. */
export class ServiceNetworkRevisionView {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: ['sea_service', 'ferry_crossing', 'air_route', 'truck_class', 'hub_handling'],
  })
  kind: ServiceNetworkKind;
  @ApiProperty({ description: 'the code (the hub code for hub handling)' }) code: string;
  @ApiProperty({ description: '1 when seeded, +1 per change' }) revision: number;
  @ApiProperty({ description: 'false: deactivated, routes ignore it' }) active: boolean;
  @ApiProperty({ description: 'true for the revision routes use now' }) current: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the row`s own fields (those of the create body), source included',
  })
  fields: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'null when seeded' })
  changedBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) supersededAt: string | null;
}
