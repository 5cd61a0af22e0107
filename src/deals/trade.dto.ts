import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';
import type { OrganizationDirectory } from '../accounts/organization-directory';
import type { Organization } from '../accounts/organization.entity';
import { rupiahTotal } from '../matching/landed-cost';
import { Trade, TRADE_STATUSES, TradeStatus } from './trade.entity';
import { termsForSupplier, type TradeTerms } from './trade-terms';

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
      role,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    });
  }
}

function viewTerms(terms: TradeTerms | null, role: 'supplier' | 'buyer'): object | null {
  if (terms === null) return null;
  return role === 'buyer' ? terms : termsForSupplier(terms);
}
