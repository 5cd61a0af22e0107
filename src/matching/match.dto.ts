import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';
import type { OrganizationDirectory } from '../accounts/organization-directory';
import {
  ORGANIZATION_TYPES,
  VERIFICATION_STATUSES,
  type OrganizationType,
  type VerificationStatus,
} from '../accounts/organization.entity';
import { ProposalReferenceBandView } from '../prices/reference-band.dto';
import { landedCostBreakdown, rupiahTotal } from './landed-cost';
import { withPlaceNames } from '../reference/place-names';
import { Decision, DECISIONS, Match, MATCH_STATUSES, MatchStatus } from './match.entity';

/** The other party of a match, as each side sees it (no contact before confirmation). */
export class CounterpartyView {
  @ApiProperty() organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type: OrganizationType;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: VERIFICATION_STATUSES }) verificationStatus: VerificationStatus;
}

export class LandedCostBreakdownView {
  @ApiProperty({ description: 'the asking price at origin' }) pricePerUnit: number;
  @ApiProperty({
    description:
      'ceil(pricePerUnit / (1 - shrinkRate)) - pricePerUnit: goods lost on the way, per delivered unit',
  })
  shrinkPerUnit: number;
  @ApiProperty() transportPerUnit: number;
  @ApiProperty() feesPerUnit: number;
}

export class RouteLegDto {
  @ApiProperty({ enum: ['road', 'sea', 'air'] }) kind: 'road' | 'sea' | 'air';
  @ApiProperty({ description: 'region or hub code' }) from: string;
  @ApiProperty({ description: 'region or hub code' }) to: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the region, port or airport `from` names, e.g. "Pelabuhan Tanjung Perak"',
  })
  fromName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the place `to` names' })
  toName: string | null;
  @ApiProperty() hours: number;
  @ApiProperty() costPerUnit: number;
  @ApiPropertyOptional({ description: 'sea service, air route or ferry crossing code' })
  service?: string;
  @ApiPropertyOptional({ description: 'how the lot travels: e.g. "1 x engkel", "LCL 3000 kg"' })
  freightClass?: string;
  @ApiPropertyOptional({ description: 'mean wait for a departure included in hours' })
  waitHours?: number;
  @ApiPropertyOptional() departuresPerWeek?: number;
  @ApiPropertyOptional({ description: 'cold chain kept on this leg' }) reefer?: boolean;
  @ApiPropertyOptional({
    description:
      'hours of this leg out of the cold: all of an ambient leg; on a reefer leg, the handling at a hub without reefer plugs or a cold store',
  })
  ambientHours?: number;
}

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
  @ApiProperty({ description: 'units shipped (same as quantityShipped)' }) quantity: number;
  @ApiProperty({ description: 'units leaving the listing' }) quantityShipped: number;
  @ApiProperty({ description: 'units expected on arrival: what the request receives' })
  quantityDelivered: number;
  @ApiProperty({ description: 'fraction lost on the way by the chosen mode' }) shrinkRate: number;
  @ApiProperty({ type: LandedCostBreakdownView, description: 'adds up to landedCostPerUnit' })
  landedCostBreakdown: LandedCostBreakdownView;
  @ApiProperty({ type: [RouteLegDto] }) route: RouteLegDto[];
  @ApiProperty({ type: CounterpartyView, nullable: true }) counterparty: CounterpartyView | null;
  @ApiProperty({ description: 'landedCostPerUnit x quantityDelivered, IDR, integer string' })
  totalLandedCost: string;
  @ApiProperty({ description: "the listing's asking price: the proposed trade price" })
  pricePerUnit: number;
  @ApiProperty({ example: 'sea-reefer' }) transportMode: string;
  @ApiProperty() transportCostPerUnit: number;
  @ApiProperty({
    description: 'per delivered unit: ceil(pricePerUnit / (1 - shrinkRate)) + transportCostPerUnit',
  })
  landedCostPerUnit: number;
  @ApiProperty() departureDate: string;
  @ApiProperty() arrivalDate: string;
  @ApiProperty({ description: 'ambient days of shelf life left once unloaded' })
  shelfLifeDaysOnArrival: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'the same life left counted in chilled days, for a buyer with cold storage (null on proposals made before it was recorded)',
  })
  chilledShelfLifeDaysOnArrival: number | null;
  @ApiProperty({
    nullable: true,
    enum: ['full', 'broken', 'none'],
    description:
      'full: cold on every leg and transfer; broken: cold legs with time out of the cold between them; none: ambient',
  })
  coldChain: 'full' | 'broken' | 'none' | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'ambient days of shelf life a broken cold chain costs against the same trip kept cold (0 unless broken)',
  })
  coldChainBreakShelfDays: number | null;
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
  @ApiProperty({
    type: ProposalReferenceBandView,
    nullable: true,
    description:
      'the proposal against the reference prices (HAP/HET) in force when it was made: below, within or above, by how much; null for proposals made before reference prices existed',
  })
  referenceBand: ProposalReferenceBandView | null;
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

  /** `parties` should hold both organizations; without them counterparty is null. */
  static from(m: Match, organizationId: string, parties?: OrganizationDirectory): MatchView {
    const role = m.buyerOrganizationId === organizationId ? 'buyer' : 'supplier';
    const other = parties?.get(role === 'buyer' ? m.supplierOrganizationId : m.buyerOrganizationId);
    return Object.assign(new MatchView(), {
      id: m.id,
      supplyListingId: m.supplyListingId,
      demandRequestId: m.demandRequestId,
      commodityCode: m.commodityCode,
      quantity: m.quantity,
      quantityShipped: m.quantity,
      quantityDelivered: m.quantityDelivered,
      shrinkRate: m.shrinkRate,
      landedCostBreakdown: landedCostBreakdown(m),
      route: withPlaceNames(m.route),
      counterparty: other
        ? {
            organizationId: other.id,
            name: other.name,
            type: other.type,
            regionCode: other.regionCode,
            verificationStatus: other.verificationStatus,
          }
        : null,
      totalLandedCost: rupiahTotal(m.quantityDelivered, m.landedCostPerUnit),
      pricePerUnit: m.pricePerUnit,
      transportMode: m.transportMode,
      transportCostPerUnit: m.transportCostPerUnit,
      landedCostPerUnit: m.landedCostPerUnit,
      departureDate: m.departureDate.toISOString(),
      arrivalDate: m.arrivalDate.toISOString(),
      shelfLifeDaysOnArrival: m.shelfLifeDaysOnArrival,
      chilledShelfLifeDaysOnArrival: m.chilledShelfLifeDaysOnArrival ?? null,
      coldChain: m.coldChain ?? null,
      coldChainBreakShelfDays: m.coldChainBreakShelfDays ?? null,
      distanceKm: m.distanceKm,
      // The gain reveals the buyer's maximum price (landed cost + gain): the supplier never sees it.
      gainPerUnit: role === 'buyer' ? m.gainPerUnit : null,
      agreementId: m.agreementId,
      agreementBonusPerUnit: m.agreementBonusPerUnit,
      referenceBand: m.referenceBand ?? null,
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
