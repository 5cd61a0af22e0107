import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BALANCE_LEVELS, type BalanceLevel } from './balance.entities';

/** CSV exports may take bigger pages than JSON lists (a province's year is about 1,100 rows). */
export const CSV_MAX_LIMIT = 5000;

export class BalanceQuery {
  @ApiPropertyOptional({
    enum: BALANCE_LEVELS,
    description:
      "province or regency (regencies and cities). Default: the level of regionCode, else province. With a province's regionCode, regency lists its regencies and cities.",
  })
  @IsOptional()
  @IsIn(BALANCE_LEVELS, { message: 'level must be province or regency' })
  level?: BalanceLevel;

  @ApiPropertyOptional({ example: '21.71', description: 'a province (35) or regency (35.07) code' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'regionCode must look like 35 or 35.07' })
  regionCode?: string;

  @ApiPropertyOptional({ example: 'cabai_merah_keriting' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode?: string;

  @ApiPropertyOptional({ example: '2026-W49', description: 'first ISO week (inclusive)' })
  @IsOptional()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'from must be an ISO week like 2026-W49' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-W52', description: 'last ISO week (inclusive)' })
  @IsOptional()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'to must be an ISO week like 2026-W52' })
  to?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv: the same rows as a CSV file (also with Accept: text/csv)',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';

  @ApiPropertyOptional({
    minimum: 1,
    maximum: CSV_MAX_LIMIT,
    default: 20,
    description: `at most 100 for JSON, ${CSV_MAX_LIMIT} for CSV`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CSV_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (CSV: X-Next-Cursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

const UNITS = 'in the commodity unit (kg; liter for cooking oil)';

/** One region, commodity and ISO week of the balance (neraca). */
export class BalanceRowView {
  @ApiProperty({ example: '21.71' }) regionCode: string;
  @ApiProperty({ example: 'Kota Batam' }) regionName: string;
  @ApiProperty({ enum: BALANCE_LEVELS }) level: BalanceLevel;
  @ApiProperty({ enum: ['WIB', 'WITA', 'WIT'], description: 'the zone the week is cut in' })
  timeZone: string;
  @ApiProperty({ example: 'cabai_merah_keriting' }) commodityCode: string;
  @ApiProperty({ example: 'Cabai merah keriting' }) commodityName: string;
  @ApiProperty({ example: 'kg' }) unit: string;
  @ApiProperty({ example: '2026-W49' }) week: string;
  @ApiProperty({ example: '2026-11-30', description: 'the Monday, local date' }) weekStart: string;
  @ApiProperty({ description: `supply posted from this region, ${UNITS}` }) supplyPosted: number;
  @ApiProperty({ description: `demand posted for this region, ${UNITS}` }) demandPosted: number;
  @ApiProperty({ description: 'open proposals arriving here (units on arrival)' })
  proposedIn: number;
  @ApiProperty({ description: 'open proposals leaving from here (units shipped)' })
  proposedOut: number;
  @ApiProperty({ description: 'confirmed trades arriving here, not cancelled or failed' })
  confirmedIn: number;
  @ApiProperty({ description: 'confirmed trades leaving from here (units shipped)' })
  confirmedOut: number;
  @ApiProperty({ description: 'received here (as recorded by the buyers)' })
  deliveredIn: number;
  @ApiProperty({ description: 'shipped from here in trades since delivered' })
  deliveredOut: number;
  @ApiProperty({
    description: 'supplyPosted - demandPosted: positive a surplus, negative a deficit',
  })
  surplus: number;
  @ApiProperty({ enum: ['surplus', 'deficit', 'balanced'] })
  position: 'surplus' | 'deficit' | 'balanced';
}

/** What moved (or will move) from one region to another in a week of arrival. */
export class BalanceFlowView {
  @ApiProperty({ example: '35.07' }) originCode: string;
  @ApiProperty({ example: 'Kabupaten Malang' }) originName: string;
  @ApiProperty({ example: '21.71' }) destinationCode: string;
  @ApiProperty({ example: 'Kota Batam' }) destinationName: string;
  @ApiProperty({ enum: BALANCE_LEVELS }) level: BalanceLevel;
  @ApiProperty() commodityCode: string;
  @ApiProperty() unit: string;
  @ApiProperty({ example: '2026-W49', description: "week of arrival, destination's zone" })
  week: string;
  @ApiProperty({ example: '2026-11-30' }) weekStart: string;
  @ApiProperty({ description: 'in open proposals, units on arrival' }) proposedQuantity: number;
  @ApiProperty({ description: 'in confirmed trades, units on arrival' }) confirmedQuantity: number;
  @ApiProperty({ description: 'received' }) deliveredQuantity: number;
  @ApiProperty({ example: 12.5, description: 'proposedQuantity / 1000 (t; kL for liters)' })
  proposedTonnes: number;
  @ApiProperty({ example: 12.5 }) confirmedTonnes: number;
  @ApiProperty({ example: 12.5 }) deliveredTonnes: number;
}
