import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { MAX_AMOUNT } from '../market/market.validators';
import { amountClaimed, amountDue } from './trade-settlement';
import { CLAIM_STATUSES, ClaimStatus, Trade, TRADE_STATUSES, TradeStatus } from './trade.entity';

const TRADE_UPDATES = ['shipped', 'delivered', 'completed', 'cancelled', 'failed'] as const;
import type { OrganizationDirectory } from '../accounts/organization-directory';
import type { Organization } from '../accounts/organization.entity';
import { rupiahTotal } from '../matching/landed-cost';
import { termsForSupplier, type TradeTerms } from './trade-terms';
import { withPlaceNames } from '../reference/place-names';

/** Whom to call about a confirmed trade. */
export class ContactView {
  @ApiProperty() organizationName: string;
  @ApiProperty({ nullable: true, type: String }) personName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E.164' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class TradeContactsView {
  @ApiProperty({ type: ContactView }) supplier: ContactView;
  @ApiProperty({ type: ContactView }) buyer: ContactView;
}

const contactOf = (o: Organization): ContactView => ({
  organizationName: o.name,
  personName: o.contactName,
  phone: o.phone,
  email: o.email,
});

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
  @ApiProperty({
    description:
      'IDR, integer string: the agreed total less what the units that arrived are worth at the agreed price per expected delivered unit',
  })
  amountClaimed: string;
  @ApiProperty({ nullable: true, type: String }) response: string | null;
}

export class TradeView {
  @ApiProperty() id: string;
  @ApiProperty() matchId: string;
  @ApiProperty() supplyListingId: string;
  @ApiProperty() demandRequestId: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty({ description: 'units shipped (same as quantityShipped)' }) quantity: number;
  @ApiProperty() quantityShipped: number;
  @ApiProperty({ description: 'units expected on arrival' }) quantityDelivered: number;
  @ApiProperty() pricePerUnit: number;
  @ApiProperty({ description: 'quantity (shipped) x pricePerUnit, IDR, exact integer string' })
  totalPrice: string;
  @ApiProperty({ description: 'quantityDelivered x landedCostPerUnit, IDR, exact integer string' })
  totalLandedCost: string;
  @ApiProperty({
    nullable: true,
    description:
      "the snapshot the trade was agreed on (the buyer's maximum price is shown to the buyer only)",
  })
  terms: object | null;
  @ApiProperty({
    type: TradeContactsView,
    nullable: true,
    description: 'both parties once the trade is confirmed',
  })
  contacts: TradeContactsView | null;
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

  static from(t: Trade, organizationId: string, parties?: OrganizationDirectory): TradeView {
    const role = t.buyerOrganizationId === organizationId ? 'buyer' : 'supplier';
    const supplier = parties?.get(t.supplierOrganizationId);
    const buyer = parties?.get(t.buyerOrganizationId);
    return Object.assign(new TradeView(), {
      id: t.id,
      matchId: t.matchId,
      supplyListingId: t.supplyListingId,
      demandRequestId: t.demandRequestId,
      commodityCode: t.commodityCode,
      quantity: t.quantity,
      quantityShipped: t.quantity,
      quantityDelivered: t.quantityDelivered,
      pricePerUnit: t.pricePerUnit,
      totalPrice: rupiahTotal(t.quantity, t.pricePerUnit),
      totalLandedCost: rupiahTotal(t.quantityDelivered, t.landedCostPerUnit),
      terms: viewTerms(t.terms, role),
      // Every trade exists only once confirmed: both parties may call each other.
      contacts:
        supplier && buyer ? { supplier: contactOf(supplier), buyer: contactOf(buyer) } : null,
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
              amountClaimed: amountClaimed(t, t.claimShortQuantity ?? 0),
              response: t.claimResponse ?? null,
            }),
      amountDue: amountDue(t),
      role,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    });
  }
}

function viewTerms(terms: TradeTerms | null, role: 'supplier' | 'buyer'): object | null {
  if (terms === null) return null;
  // The snapshot keeps the route as agreed (codes); its places are named as the match's are.
  const named = { ...terms, route: withPlaceNames(terms.route) };
  return role === 'buyer' ? named : termsForSupplier(named);
}
