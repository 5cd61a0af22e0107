import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { MarketQuery } from '../market.query';
import {
  CommodityCode,
  Grade,
  Notes,
  OptionalPositiveAmount,
  OptionalTimestamp,
  PositiveAmount,
  RegionCode,
  Timestamp,
} from '../market.validators';
import { SUPPLY_STATUSES, SupplyListing, SupplyStatus } from './supply-listing.entity';

export class CreateSupplyListingDto {
  @CommodityCode() commodityCode: string;
  @Grade() grade?: string | null;
  @PositiveAmount("in the commodity's unit", 5000) quantity: number;
  @OptionalPositiveAmount('smallest quantity a buyer must take') minOrderQuantity?: number | null;
  @PositiveAmount('asking price at origin, IDR per unit', 32000) pricePerUnit: number;
  @RegionCode('35.07') originRegionCode: string;
  @Timestamp('start of the shipping window') availableFrom: string;
  @Timestamp('end of the shipping window') availableUntil: string;
  @OptionalTimestamp('shelf life counts from here; else from availableFrom') harvestedAt?:
    string | null;
  @Notes() notes?: string;
}

export class UpdateSupplyListingDto extends PartialType(
  OmitType(CreateSupplyListingDto, ['commodityCode'] as const),
) {}

export class SupplyListingQuery extends MarketQuery {
  @ApiPropertyOptional({ enum: SUPPLY_STATUSES })
  @IsOptional()
  @IsIn(SUPPLY_STATUSES)
  status?: SupplyStatus;

  @ApiPropertyOptional({ example: '35', description: 'province or region code of the origin' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'originRegionCode must look like 35 or 35.07' })
  originRegionCode?: string;
}

export class SupplyListingView {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ nullable: true, type: Number }) minOrderQuantity: number | null;
  @ApiProperty() remainingQuantity: number;
  @ApiProperty({ enum: ['kg', 'liter'] }) unit: string;
  @ApiProperty() pricePerUnit: number;
  @ApiProperty() originRegionCode: string;
  @ApiProperty() availableFrom: string;
  @ApiProperty() availableUntil: string;
  @ApiProperty({ nullable: true, type: String }) harvestedAt: string | null;
  @ApiProperty() notes: string;
  @ApiProperty({ enum: SUPPLY_STATUSES }) status: SupplyStatus;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(l: SupplyListing, unit: string): SupplyListingView {
    return Object.assign(new SupplyListingView(), {
      id: l.id,
      organizationId: l.organizationId,
      commodityCode: l.commodityCode,
      grade: l.grade,
      quantity: l.quantity,
      minOrderQuantity: l.minOrderQuantity,
      remainingQuantity: l.remainingQuantity,
      unit,
      pricePerUnit: l.pricePerUnit,
      originRegionCode: l.originRegionCode,
      availableFrom: l.availableFrom.toISOString(),
      availableUntil: l.availableUntil.toISOString(),
      harvestedAt: l.harvestedAt?.toISOString() ?? null,
      notes: l.notes,
      status: l.status,
      createdAt: l.createdAt.toISOString(),
      updatedAt: l.updatedAt.toISOString(),
    });
  }
}
