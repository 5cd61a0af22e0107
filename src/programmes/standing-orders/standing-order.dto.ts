import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import {
  CommodityCode,
  Grade,
  Notes,
  PositiveAmount,
  RegionCode,
} from '../../market/market.validators';
import {
  STANDING_ORDER_SIDES,
  STANDING_ORDER_STATUSES,
  StandingOrder,
  StandingOrderSide,
  StandingOrderStatus,
} from './standing-order.entity';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateStandingOrderDto {
  @ApiProperty({
    enum: STANDING_ORDER_SIDES,
    description: 'demand: a standing purchase order; supply: forward supply (expected harvest)',
  })
  @IsIn(STANDING_ORDER_SIDES)
  side: StandingOrderSide;

  @CommodityCode() commodityCode: string;

  @Grade() grade?: string | null;

  @PositiveAmount("per delivery day ('day') or per week ('week'), in the commodity's unit", 15000)
  quantity: number;

  @ApiProperty({ enum: ['day', 'week'] })
  @IsIn(['day', 'week'])
  period: 'day' | 'week';

  @ApiProperty({
    example: [1, 2, 3, 4, 5, 6],
    description:
      'ISO weekdays (1 = Monday ... 7 = Sunday) of delivery (demand) or harvest (supply)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  deliveryDays: number[];

  @PositiveAmount('demand: maximum landed price; supply: asking price at origin (IDR per unit)')
  pricePerUnit: number;

  @RegionCode('21.71') regionCode: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 30,
    description: 'days a slot stays open (default: 1 for demand, 3 for supply)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  windowDays?: number;

  @ApiPropertyOptional({ default: 1, minimum: 0, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  minShelfLifeDaysOnArrival?: number;

  @ApiProperty({ example: '2026-12-01', description: 'first day (in the region time zone)' })
  @Matches(DAY, { message: 'startsOn must be a date like 2026-12-01' })
  startsOn: string;

  @ApiPropertyOptional({ example: '2027-06-30', nullable: true, type: String })
  @IsOptional()
  @Matches(DAY, { message: 'endsOn must be a date like 2027-06-30' })
  endsOn?: string | null;

  @Notes() notes?: string;
}

/** What an edit may change; the commodity, side and region stay (post a new order for those). */
export class UpdateStandingOrderDto extends PartialType(
  OmitType(CreateStandingOrderDto, ['side', 'commodityCode', 'regionCode', 'startsOn'] as const),
) {}

export class StandingOrderQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STANDING_ORDER_STATUSES })
  @IsOptional()
  @IsIn(STANDING_ORDER_STATUSES)
  status?: StandingOrderStatus;
}

export class StandingOrderView {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty({ enum: STANDING_ORDER_SIDES }) side: StandingOrderSide;
  @ApiProperty() commodityCode: string;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ enum: ['day', 'week'] }) period: string;
  @ApiProperty({ type: [Number] }) deliveryDays: number[];
  @ApiProperty() pricePerUnit: number;
  @ApiProperty() regionCode: string;
  @ApiProperty() windowDays: number;
  @ApiProperty() minShelfLifeDaysOnArrival: number;
  @ApiProperty() startsOn: string;
  @ApiProperty({ nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({ enum: STANDING_ORDER_STATUSES }) status: StandingOrderStatus;
  @ApiProperty() notes: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(o: StandingOrder): StandingOrderView {
    return Object.assign(new StandingOrderView(), {
      id: o.id,
      organizationId: o.organizationId,
      side: o.side,
      commodityCode: o.commodityCode,
      grade: o.grade,
      quantity: o.quantity,
      period: o.period,
      deliveryDays: [...o.deliveryDays].sort((a, b) => a - b),
      pricePerUnit: o.pricePerUnit,
      regionCode: o.regionCode,
      windowDays: o.windowDays,
      minShelfLifeDaysOnArrival: o.minShelfLifeDaysOnArrival,
      startsOn: o.startsOn,
      endsOn: o.endsOn,
      status: o.status,
      notes: o.notes,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    });
  }
}

/** One delivery slot and how far it is filled (delivered units for demand, shipped for supply). */
export class SlotFulfilmentView {
  @ApiProperty() slotId: string;
  @ApiProperty({ example: '2026-12-02' }) date: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ enum: ['active', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) demandRequestId: string | null;
  @ApiProperty({ nullable: true, type: String }) supplyListingId: string | null;
  @ApiProperty({ description: 'status of the request or listing carrying the slot' })
  marketStatus: string;
  @ApiProperty({ description: 'in proposals waiting for answers' }) proposed: number;
  @ApiProperty({ description: 'in confirmed trades (not cancelled or failed)' }) confirmed: number;
  @ApiProperty({ description: 'in trades delivered or completed' }) delivered: number;
  @ApiProperty({ description: 'confirmed / quantity, 0 to 1' }) fillRatio: number;
}
