import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { Trade, TRADE_STATUSES, TradeStatus } from './trade.entity';

export class TradeQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TRADE_STATUSES })
  @IsOptional()
  @IsIn(TRADE_STATUSES)
  status?: TradeStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode?: string;
}

export class UpdateTradeDto {
  @ApiProperty({ enum: ['shipped', 'delivered', 'completed', 'cancelled'] })
  @IsIn(['shipped', 'delivered', 'completed', 'cancelled'])
  status: Exclude<TradeStatus, 'confirmed'>;

  @ApiPropertyOptional({ description: 'required when cancelling' })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  reason?: string;
}

export class TradeView {
  @ApiProperty() id: string;
  @ApiProperty() matchId: string;
  @ApiProperty() supplyListingId: string;
  @ApiProperty() demandRequestId: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty() quantity: number;
  @ApiProperty() pricePerUnit: number;
  @ApiProperty({ description: 'quantity x pricePerUnit, IDR' }) totalPrice: number;
  @ApiProperty() transportMode: string;
  @ApiProperty() transportCostPerUnit: number;
  @ApiProperty() landedCostPerUnit: number;
  @ApiProperty() departureDate: string;
  @ApiProperty() arrivalDate: string;
  @ApiProperty({ enum: TRADE_STATUSES }) status: TradeStatus;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ enum: ['supplier', 'buyer'] }) role: 'supplier' | 'buyer';
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(t: Trade, organizationId: string): TradeView {
    return Object.assign(new TradeView(), {
      id: t.id,
      matchId: t.matchId,
      supplyListingId: t.supplyListingId,
      demandRequestId: t.demandRequestId,
      commodityCode: t.commodityCode,
      quantity: t.quantity,
      pricePerUnit: t.pricePerUnit,
      totalPrice: t.quantity * t.pricePerUnit,
      transportMode: t.transportMode,
      transportCostPerUnit: t.transportCostPerUnit,
      landedCostPerUnit: t.landedCostPerUnit,
      departureDate: t.departureDate.toISOString(),
      arrivalDate: t.arrivalDate.toISOString(),
      status: t.status,
      cancelReason: t.cancelReason,
      role: t.buyerOrganizationId === organizationId ? 'buyer' : 'supplier',
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    });
  }
}
