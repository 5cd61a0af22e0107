import { ApiProperty } from '@nestjs/swagger';
import { PRICE_LEVELS, PRICE_REFERENCE_KINDS } from './price-reference.entities';

/** One price of a proposal against the reference band of its level and zone. */
export class PriceAgainstBandView {
  @ApiProperty({ enum: PRICE_LEVELS }) level: string;
  @ApiProperty({ description: 'the price judged, IDR per unit' }) price: number;
  @ApiProperty({ enum: ['below', 'within', 'above'] }) position: string;
  @ApiProperty({
    description:
      'IDR per unit beyond the nearest edge: negative below the floor, positive above the ceiling, 0 within',
  })
  differencePerUnit: number;
  @ApiProperty({ description: 'differencePerUnit as a percentage of that edge, one decimal' })
  differencePercent: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'floor (HAP lower bound); null for a ceiling only',
  })
  low: number | null;
  @ApiProperty({ description: 'ceiling: the HET where there is one, else the HAP upper bound' })
  high: number;
  @ApiProperty({ enum: PRICE_REFERENCE_KINDS, description: 'the kind of the ceiling' })
  kind: string;
  @ApiProperty({ example: 'nasional' }) zoneCode: string;
  @ApiProperty({ example: '2022-12-28' }) effectiveFrom: string;
  @ApiProperty({ example: 'Perbadan 11/2022' }) regulation: string;
  @ApiProperty() source: string;
}

export class ProposalReferenceBandView {
  @ApiProperty({
    type: PriceAgainstBandView,
    nullable: true,
    description: "pricePerUnit against the producer-level reference of the origin's zone",
  })
  producer: PriceAgainstBandView | null;
  @ApiProperty({
    type: PriceAgainstBandView,
    nullable: true,
    description: "landedCostPerUnit against the consumer-level reference of the destination's zone",
  })
  consumer: PriceAgainstBandView | null;
}
