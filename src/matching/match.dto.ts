import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { Decision, DECISIONS, Match, MATCH_STATUSES, MatchStatus } from './match.entity';

export class MatchQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() supplyListingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() demandRequestId?: string;

  @ApiPropertyOptional({ enum: MATCH_STATUSES })
  @IsOptional()
  @IsIn(MATCH_STATUSES)
  status?: MatchStatus;

  @ApiPropertyOptional({ example: 'cabai_merah_keriting' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode?: string;
}

/** A proposal as one of its two parties sees it: everything that explains it. */
export class MatchView {
  @ApiProperty() id: string;
  @ApiProperty() supplyListingId: string;
  @ApiProperty() demandRequestId: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: "the listing's asking price: the proposed trade price" })
  pricePerUnit: number;
  @ApiProperty({ example: 'sea-reefer' }) transportMode: string;
  @ApiProperty() transportCostPerUnit: number;
  @ApiProperty({ description: 'pricePerUnit / (1 - shrink) + transportCostPerUnit' })
  landedCostPerUnit: number;
  @ApiProperty() departureDate: string;
  @ApiProperty() arrivalDate: string;
  @ApiProperty() shelfLifeDaysOnArrival: number;
  @ApiProperty() distanceKm: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      "buyer's maximum minus landed cost (never including an agreement bonus); shown to the buyer only",
  })
  gainPerUnit: number | null;
  @ApiProperty({ nullable: true, type: String }) agreementId: string | null;
  @ApiProperty({
    description:
      'priority of the agreement covering the pair, per unit (0 without one): it ranks proposals, it is not a gain',
  })
  agreementBonusPerUnit: number;
  @ApiProperty({ enum: MATCH_STATUSES }) status: MatchStatus;
  @ApiProperty({ enum: DECISIONS }) supplierDecision: Decision;
  @ApiProperty({ enum: DECISIONS }) buyerDecision: Decision;
  @ApiProperty({ enum: ['supplier', 'buyer'], description: 'your side of this match' }) role:
    'supplier' | 'buyer';
  @ApiProperty() expiresAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'why it was superseded, e.g. `listing_changed: pricePerUnit`',
  })
  supersededReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the trade of a confirmed match' })
  tradeId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'status of that trade (confirmed, shipped, delivered, completed, cancelled, failed); the match itself stays `confirmed`',
  })
  tradeStatus: string | null;

  static from(m: Match, organizationId: string): MatchView {
    const role = m.buyerOrganizationId === organizationId ? 'buyer' : 'supplier';
    return Object.assign(new MatchView(), {
      id: m.id,
      supplyListingId: m.supplyListingId,
      demandRequestId: m.demandRequestId,
      commodityCode: m.commodityCode,
      quantity: m.quantity,
      pricePerUnit: m.pricePerUnit,
      transportMode: m.transportMode,
      transportCostPerUnit: m.transportCostPerUnit,
      landedCostPerUnit: m.landedCostPerUnit,
      departureDate: m.departureDate.toISOString(),
      arrivalDate: m.arrivalDate.toISOString(),
      shelfLifeDaysOnArrival: m.shelfLifeDaysOnArrival,
      distanceKm: m.distanceKm,
      // The gain reveals the buyer's maximum price (landed cost + gain): the supplier never sees it.
      gainPerUnit: role === 'buyer' ? m.gainPerUnit : null,
      agreementId: m.agreementId,
      agreementBonusPerUnit: m.agreementBonusPerUnit,
      status: m.status,
      supplierDecision: m.supplierDecision,
      buyerDecision: m.buyerDecision,
      role,
      expiresAt: m.expiresAt.toISOString(),
      createdAt: m.createdAt.toISOString(),
      supersededReason: m.supersededReason ?? null,
      tradeId: m.tradeId ?? null,
      tradeStatus: m.tradeStatus ?? null,
    });
  }
}
