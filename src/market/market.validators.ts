import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DomainError, FieldProblem } from '../common/domain-error';

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

// Date-times with their UTC offset are shared with other domains' DTOs.
export { OptionalTimestamp, Timestamp } from '../common/timestamp.validators';

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

/** Collects cross-field and reference problems, then fails once naming all of them. */
export class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, message: string): this {
    this.list.push({ field, message });
    return this;
  }

  check(ok: boolean, field: string, message: string): this {
    if (!ok) this.add(field, message);
    return this;
  }

  /** PATCH bodies may omit a field, but null only clears fields that are optional by nature. */
  rejectNulls(body: object, fields: string[]): this {
    for (const field of fields) {
      if ((body as Record<string, unknown>)[field] === null)
        this.add(field, `${field} cannot be null`);
    }
    return this;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw DomainError.validation(this.list);
  }
}
