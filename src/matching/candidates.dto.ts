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
  @ApiProperty() shelfLifeDaysOnArrival: number;
  @ApiProperty() distanceKm: number;
  @ApiPropertyOptional({ nullable: true, type: String }) agreementId: string | null;
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
