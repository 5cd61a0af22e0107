import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

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
