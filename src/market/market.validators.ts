import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** Quantities and rupiah are stored as int4; a cap far above any real trade keeps them there. */
export const MAX_AMOUNT = 1_000_000_000;

export const PositiveAmount = (description: string, example?: number) =>
  applyDecorators(
    ApiProperty({ description, example, minimum: 1, maximum: MAX_AMOUNT, type: 'integer' }),
    IsInt(),
    Min(1),
    Max(MAX_AMOUNT),
  );

export const OptionalPositiveAmount = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({
      description,
      minimum: 1,
      maximum: MAX_AMOUNT,
      type: 'integer',
      nullable: true,
    }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(MAX_AMOUNT),
  );

/**
 * A date-time with its UTC offset (Z or +07:00). Without one, "2026-12-01T10:00:00" would be read
 * in the server's time zone: seven hours off for a user in Jakarta, silently.
 */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const withOffset = () =>
  Matches(WITH_OFFSET, {
    message: '$property must be a date-time with a UTC offset, e.g. 2026-12-01T10:00:00+07:00',
  });

export const Timestamp = (description: string, example?: string) =>
  applyDecorators(
    ApiProperty({ description, example, format: 'date-time', type: String }),
    IsISO8601({ strict: true, strictSeparator: true }),
    withOffset(),
  );

export const OptionalTimestamp = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, format: 'date-time', type: String, nullable: true }),
    IsOptional(),
    IsISO8601({ strict: true, strictSeparator: true }),
    withOffset(),
  );

export const CommodityCode = () =>
  applyDecorators(
    ApiProperty({ example: 'cabai_merah_keriting' }),
    IsString(),
    Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' }),
  );

export const RegionCode = (example: string) =>
  applyDecorators(
    ApiProperty({ example, description: 'Kemendagri region code' }),
    IsString(),
    Matches(/^\d{2}(\.\d{2})?$/, { message: '$property must look like 35 or 35.07' }),
  );

export const Grade = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: 'I',
      nullable: true,
      type: String,
      description: "one of the commodity's grades; omit for ungraded commodities",
    }),
    IsOptional(),
    IsString(),
    MaxLength(16),
  );

export const Notes = () =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: 2000 }),
    IsOptional(),
    IsString(),
    MaxLength(2000),
  );
