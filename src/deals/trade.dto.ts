import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { MAX_AMOUNT } from '../market/market.validators';
import { amountDue } from './trade-settlement';
import { CLAIM_STATUSES, ClaimStatus, Trade, TRADE_STATUSES, TradeStatus } from './trade.entity';

const TRADE_UPDATES = ['shipped', 'delivered', 'completed', 'cancelled', 'failed'] as const;

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
  @ApiProperty({ enum: TRADE_UPDATES })
  @IsIn(TRADE_UPDATES)
  status: Exclude<TradeStatus, 'confirmed'>;

  @ApiPropertyOptional({ description: 'required when cancelling or recording a failure' })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'delivered: units received (required)', type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  receivedQuantity?: number;

  @ApiPropertyOptional({
    description:
      "delivered: grade found on arrival, one of the commodity's grades (required when it has grades)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  gradeOnArrival?: string;
}

export class DisputeClaimDto {
  @ApiPropertyOptional({ description: "the supplier's account of the delivery" })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  note?: string;
}

/** A delivery short of what was expected or below the agreed grade. */
export class ClaimView {
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiProperty() shortQuantity: number;
  @ApiProperty() belowGrade: boolean;
  @ApiProperty({ description: 'shortQuantity x pricePerUnit, IDR, integer string' })
  amountClaimed: string;
  @ApiProperty({ nullable: true, type: String }) response: string | null;
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
  @ApiProperty({ nullable: true, type: String, description: 'the grade agreed' })
  grade: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'lost in transit: why' })
  failureReason: string | null;
  @ApiProperty({ nullable: true, type: Number }) receivedQuantity: number | null;
  @ApiProperty({ nullable: true, type: String }) gradeOnArrival: string | null;
  @ApiProperty({ nullable: true, type: ClaimView }) claim: ClaimView | null;
  @ApiProperty({
    description:
      'IDR the buyer owes, integer string: the agreed total, recomputed from what arrived once a claim is accepted; 0 when cancelled or failed',
  })
  amountDue: string;
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
      grade: t.grade ?? null,
      failureReason: t.failureReason ?? null,
      receivedQuantity: t.receivedQuantity ?? null,
      gradeOnArrival: t.gradeOnArrival ?? null,
      claim:
        t.claimStatus === null || t.claimStatus === undefined
          ? null
          : Object.assign(new ClaimView(), {
              status: t.claimStatus,
              shortQuantity: t.claimShortQuantity ?? 0,
              belowGrade: t.claimBelowGrade ?? false,
              amountClaimed: (
                BigInt(t.claimShortQuantity ?? 0) * BigInt(t.pricePerUnit)
              ).toString(),
              response: t.claimResponse ?? null,
            }),
      amountDue: amountDue(t),
      role: t.buyerOrganizationId === organizationId ? 'buyer' : 'supplier',
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    });
  }
}
