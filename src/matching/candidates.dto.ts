import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CandidatesQuery {
  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class CandidateOption {
  @ApiProperty({ example: 'sea-reefer' }) transportMode: string;
  @ApiProperty() transportCostPerUnit: number;
  @ApiProperty() landedCostPerUnit: number;
  @ApiProperty() departureDate: string;
  @ApiProperty() arrivalDate: string;
  @ApiProperty({ description: 'ambient days of shelf life left once unloaded' })
  shelfLifeDaysOnArrival: number;
  @ApiPropertyOptional({ description: 'the same life counted in chilled days (a cold store)' })
  chilledShelfLifeDaysOnArrival?: number;
  @ApiPropertyOptional({ enum: ['full', 'broken', 'none'] })
  coldChain?: 'full' | 'broken' | 'none';
  @ApiProperty() distanceKm: number;
  @ApiPropertyOptional({ nullable: true, type: String }) agreementId: string | null;
}

export const CANDIDATE_REASON_CODES = [
  'other_commodity',
  'grade_below_minimum',
  'no_route',
  'window_closed',
  'arrives_too_late',
  'departs_after_window',
  'spoils_before_arrival',
  'shelf_life_too_short',
  'needs_cold_chain',
  'above_maximum_price',
  'above_reference_ceiling',
  'below_minimum_order',
  'buyer_wants_verified_supplier',
  'supplier_wants_verified_buyer',
  // A supplier's view of a buyer's confidential maximum, told only as a band (price-band.ts).
  'above_buyer_price',
  'close_to_buyer_price',
  // Feasible pairs.
  'proposed',
  'feasible_not_in_optimum',
] as const;
export type CandidateReasonCode = (typeof CANDIDATE_REASON_CODES)[number];

/**
 * The figures of a reason, unformatted, for a client to word in its reader's language: money in
 * whole rupiah per kg, quantities in kg, instants in ISO 8601 (UTC), days as decimal numbers.
 * Only the fields the code needs are present.
 */
export class CandidateReasonParams {
  @ApiPropertyOptional({ example: 'cabai_merah_keriting' }) offeredCommodity?: string;
  @ApiPropertyOptional({ example: 'bawang_merah' }) wantedCommodity?: string;
  @ApiPropertyOptional({ example: 'II' }) offeredGrade?: string;
  @ApiPropertyOptional({ example: 'I' }) minimumGrade?: string;
  @ApiPropertyOptional({ example: '35.07' }) originRegionCode?: string;
  @ApiPropertyOptional({ example: '21.71' }) destinationRegionCode?: string;
  @ApiPropertyOptional({
    enum: ['road', 'road-reefer', 'sea', 'sea-reefer', 'air', 'air-reefer'],
    description: 'the transport option the figures are of',
  })
  transport?: string;
  @ApiPropertyOptional({ format: 'date-time' }) availableUntil?: string;
  @ApiPropertyOptional({ format: 'date-time' }) departureDate?: string;
  @ApiPropertyOptional({ format: 'date-time' }) arrivalDate?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliverFrom?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliverBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) latestDeliverFrom?: string;
  @ApiPropertyOptional({ example: 1.4 }) arrivalInDays?: number;
  @ApiPropertyOptional({ example: 1 }) deliverByInDays?: number;
  @ApiPropertyOptional({ example: 1.9 }) shelfLifeDaysLeft?: number;
  @ApiPropertyOptional({ example: 1.2 }) spoiledDaysBeforeArrival?: number;
  @ApiPropertyOptional({ example: 2 }) neededShelfLifeDays?: number;
  @ApiPropertyOptional({ example: 37516 }) landedCostPerUnit?: number;
  @ApiPropertyOptional({ example: 33000 }) maxPricePerUnit?: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'null: no asking price helps (transport alone costs more than the maximum)',
  })
  maxAskingPricePerUnit?: number | null;
  @ApiPropertyOptional({ example: 55000 }) ceilingPerUnit?: number;
  @ApiPropertyOptional({ example: 500 }) minOrderQuantity?: number;
  @ApiPropertyOptional({ example: 200 }) requestedQuantity?: number;
}

/** Why a candidate matches or not, as a stable code and its figures (`message` in words). */
export class CandidateReason {
  @ApiProperty({ enum: CANDIDATE_REASON_CODES }) code: CandidateReasonCode;
  @ApiProperty({ type: CandidateReasonParams }) params: CandidateReasonParams;
}

/** One counterpart of the same commodity, without its organization's identity. */
export class CandidateView {
  @ApiProperty({ description: 'id of the counterpart listing or request' }) counterpartId: string;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty() remainingQuantity: number;
  @ApiPropertyOptional({
    description: "a listing's asking price (not shown for requests)",
    type: Number,
  })
  pricePerUnit?: number;
  @ApiProperty() regionCode: string;
  @ApiProperty({ description: 'straight-line distance between the two regions' })
  straightLineKm: number;
  @ApiProperty() feasible: boolean;
  @ApiPropertyOptional({
    enum: [
      'grade',
      'transport',
      'window',
      'shelf_life',
      'price',
      'reference_ceiling',
      'min_order',
      'counterpart',
    ],
  })
  rule?: string;
  @ApiProperty({ description: 'why it matches, or what rules it out' }) message: string;
  @ApiProperty({
    type: CandidateReason,
    description: "`message` as a code and figures, to word in the reader's language",
  })
  reason: CandidateReason;
  @ApiPropertyOptional({ description: 'what would make it match' }) wouldTake?: string;
  @ApiPropertyOptional({ type: CandidateOption }) option?: CandidateOption;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the live proposal between the two, if any',
  })
  proposedMatchId: string | null;
}

export class CandidatesView {
  @ApiProperty({ type: [CandidateView] }) items: CandidateView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
  @ApiProperty({ description: 'one line for people' }) summary: string;
}
