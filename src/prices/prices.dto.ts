import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import {
  PRICE_LEVELS,
  PRICE_REFERENCE_KINDS,
  type PriceLevel,
  type PriceReference,
  type PriceReferenceKind,
} from './price-reference.entities';

export class PriceReferenceQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'cabai_merah_keriting' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode?: string;

  @ApiPropertyOptional({
    example: '21.71',
    description: "only the versions of the zones covering this region's province (and `nasional`)",
  })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'regionCode must be a region code like 35 or 35.07' })
  regionCode?: string;
}

export class CreatePriceReferenceDto {
  @ApiProperty({ example: 'cabai_merah_keriting' })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode: string;

  @ApiProperty({ example: 'nasional', description: 'a zone of GET /price-zones' })
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'zoneCode must be a zone code' })
  zoneCode: string;

  @ApiProperty({ enum: PRICE_LEVELS }) @IsIn(PRICE_LEVELS) level: PriceLevel;
  @ApiProperty({ enum: PRICE_REFERENCE_KINDS })
  @IsIn(PRICE_REFERENCE_KINDS)
  kind: PriceReferenceKind;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'the floor; omit for a ceiling only',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  lowPerUnit?: number | null;

  @ApiProperty({ description: 'the ceiling (HET) or the upper bound (HAP), IDR per unit' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  highPerUnit: number;

  @ApiProperty({
    example: '2027-01-01',
    description: 'in force from this day (WIB); history is kept',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom: string;

  @ApiProperty({ example: 'Perbadan 11/2022' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  regulation: string;

  @ApiProperty({ description: 'where the figure was published: a URL or a citation' })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  source: string;
}

export class PriceReferenceView {
  @ApiProperty() id: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty() zoneCode: string;
  @ApiProperty({ enum: PRICE_LEVELS }) level: string;
  @ApiProperty({ enum: PRICE_REFERENCE_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: Number }) lowPerUnit: number | null;
  @ApiProperty() highPerUnit: number;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty() regulation: string;
  @ApiProperty() source: string;
  @ApiProperty({ description: 'in force today (WIB): the latest version effective by today' })
  inForce: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the administrator who entered it; null when seeded',
  })
  createdBy: string | null;
  @ApiProperty() createdAt: string;

  static from(row: PriceReference, inForce: boolean): PriceReferenceView {
    return Object.assign(new PriceReferenceView(), {
      id: row.id,
      commodityCode: row.commodityCode,
      zoneCode: row.zoneCode,
      level: row.level,
      kind: row.kind,
      lowPerUnit: row.lowPerUnit,
      highPerUnit: row.highPerUnit,
      effectiveFrom: row.effectiveFrom,
      regulation: row.regulation,
      source: row.source,
      inForce,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
    });
  }
}

export class PriceZoneView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) provinceCodes: string[];
  @ApiProperty() source: string;
}

export class PriceSpikeView {
  @ApiProperty() regionCode: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty() observedOn: string;
  @ApiProperty() pricePerUnit: number;
  @ApiProperty() medianPerUnit: number;
  @ApiProperty() percentAboveMedian: number;
}

export class ObservationImportView {
  @ApiProperty({ description: 'rows read' }) received: number;
  @ApiProperty({ description: 'rows stored by this import' }) imported: number;
  @ApiProperty({ description: 'rows already stored with the same price (a re-import)' })
  unchanged: number;
  @ApiProperty({ type: [PriceSpikeView], description: 'spikes told by this import (once each)' })
  spikes: PriceSpikeView[];
}
