import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MarketQuery } from '../market.query';
import {
  CommodityCode,
  Grade,
  Notes,
  OptionalTimestamp,
  PositiveAmount,
  RegionCode,
  Timestamp,
} from '../market.validators';
import { DEMAND_STATUSES, DemandRequest, DemandStatus } from './demand-request.entity';

export class CreateDemandRequestDto {
  @CommodityCode() commodityCode: string;
  @Grade() minGrade?: string | null;
  @PositiveAmount("in the commodity's unit", 3000) quantity: number;
  @PositiveAmount('highest landed price paid at destination, IDR per unit', 60000)
  maxPricePerUnit: number;
  @RegionCode('21.71') destinationRegionCode: string;
  @OptionalTimestamp('earliest acceptable arrival') deliverFrom?: string | null;
  @Timestamp('latest acceptable arrival') deliverBy: string;

  @ApiPropertyOptional({ default: 1, minimum: 0, maximum: 3650, type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  minShelfLifeDaysOnArrival?: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'the buyer keeps the goods in cold storage on arrival: minShelfLifeDaysOnArrival then counts chilled days',
  })
  @IsOptional()
  @IsBoolean()
  coldStorage?: boolean;

  @Notes() notes?: string;
}

export class UpdateDemandRequestDto extends PartialType(
  OmitType(CreateDemandRequestDto, ['commodityCode'] as const),
) {}

export class DemandRequestQuery extends MarketQuery {
  @ApiPropertyOptional({ enum: DEMAND_STATUSES })
  @IsOptional()
  @IsIn(DEMAND_STATUSES)
  status?: DemandStatus;

  @ApiPropertyOptional({ example: '21', description: 'province or region code of the destination' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'destinationRegionCode must look like 21 or 21.71' })
  destinationRegionCode?: string;
}

export class DemandRequestView {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty({ nullable: true, type: String }) minGrade: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty() remainingQuantity: number;
  @ApiProperty({ enum: ['kg', 'liter'] }) unit: string;
  @ApiProperty() maxPricePerUnit: number;
  @ApiProperty() destinationRegionCode: string;
  @ApiProperty({ nullable: true, type: String }) deliverFrom: string | null;
  @ApiProperty() deliverBy: string;
  @ApiProperty() minShelfLifeDaysOnArrival: number;
  @ApiProperty({ description: 'minShelfLifeDaysOnArrival counts chilled days (cold storage)' })
  coldStorage: boolean;
  @ApiProperty() notes: string;
  @ApiProperty({ enum: DEMAND_STATUSES }) status: DemandStatus;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(r: DemandRequest, unit: string): DemandRequestView {
    return Object.assign(new DemandRequestView(), {
      id: r.id,
      organizationId: r.organizationId,
      commodityCode: r.commodityCode,
      minGrade: r.minGrade,
      quantity: r.quantity,
      remainingQuantity: r.remainingQuantity,
      unit,
      maxPricePerUnit: r.maxPricePerUnit,
      destinationRegionCode: r.destinationRegionCode,
      deliverFrom: r.deliverFrom?.toISOString() ?? null,
      deliverBy: r.deliverBy.toISOString(),
      minShelfLifeDaysOnArrival: r.minShelfLifeDaysOnArrival,
      coldStorage: r.coldStorage,
      notes: r.notes,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    });
  }
}
