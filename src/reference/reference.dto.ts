import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Commodity } from './commodity.entity';
import type { Region, RegionType } from './region.entity';

export class RegionQuery {
  @ApiPropertyOptional({ description: 'part of the name, or the start of the code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['province', 'regency', 'city'] })
  @IsOptional()
  @IsIn(['province', 'regency', 'city'])
  type?: RegionType;

  @ApiPropertyOptional({ example: '35' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

/**
 * The commodity catalogue is small (21) and clients read it whole, so an absent limit means the
 * largest page rather than the usual 20: existing clients keep getting everything in one answer.
 */
export class CommodityQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

export class RegionView {
  @ApiProperty({ example: '35.07' }) code: string;
  @ApiProperty({ example: 'Kabupaten Malang' }) name: string;
  @ApiProperty({ enum: ['province', 'regency', 'city'] }) type: RegionType;
  @ApiProperty({ nullable: true, type: String, example: '35' }) provinceCode: string | null;
  @ApiProperty({ example: 'java' }) islandGroup: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;

  static from(region: Region): RegionView {
    return Object.assign(new RegionView(), region);
  }
}

export class CommodityView {
  @ApiProperty({ example: 'cabai_merah_keriting' }) code: string;
  @ApiProperty({ example: 'Cabai merah keriting' }) nameId: string;
  @ApiProperty({ example: 'Curly red chili' }) nameEn: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['kg', 'liter'] }) unit: string;
  @ApiProperty({ nullable: true, type: String }) gradeStandard: string | null;
  @ApiProperty({ type: [String], description: 'best first; empty when ungraded' }) grades: string[];
  @ApiProperty() shelfLifeDaysAmbient: number;
  @ApiProperty({
    description: 'days at the cold-chain temperature: 7-10 C for produce, 0-4 C for meat and fish',
  })
  shelfLifeDaysCold: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'days frozen (-18 C or colder), for meat and fish',
  })
  shelfLifeDaysFrozen: number | null;
  @ApiProperty({
    description: 'travels chilled or frozen door to door (meat and fish): no ambient route',
  })
  coldChainRequired: boolean;
  @ApiProperty({ description: 'typical national retail price, IDR per unit' })
  typicalPricePerUnit: number;

  static from(c: Commodity): CommodityView {
    return Object.assign(new CommodityView(), {
      code: c.code,
      nameId: c.nameId,
      nameEn: c.nameEn,
      category: c.category,
      unit: c.unit,
      gradeStandard: c.gradeStandard,
      grades: c.grades,
      shelfLifeDaysAmbient: c.shelfLifeDaysAmbient,
      shelfLifeDaysCold: c.shelfLifeDaysCold,
      shelfLifeDaysFrozen: c.shelfLifeDaysFrozen,
      coldChainRequired: c.coldChainRequired,
      typicalPricePerUnit: c.typicalPricePerUnit,
    });
  }
}
