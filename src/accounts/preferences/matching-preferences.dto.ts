import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PRICE_CEILING_POLICIES, type PriceCeilingPolicy } from '../organization.entity';

export class MatchingPreferencesDto {
  @ApiProperty({
    description:
      'receive proposals only for listings and requests of organizations verified by a platform administrator',
  })
  @IsBoolean()
  verifiedCounterpartsOnly: boolean;

  @ApiPropertyOptional({
    enum: PRICE_CEILING_POLICIES,
    description:
      "`reference_ceiling`: never be proposed a landed cost above the consumer-level reference ceiling (HET, else the HAP upper bound) of the request's destination zone; applies to every request of the organization, standing-order slots included. Absent: unchanged",
  })
  @IsOptional()
  @IsIn(PRICE_CEILING_POLICIES)
  priceCeilingPolicy?: PriceCeilingPolicy;
}

export class MatchingPreferencesView {
  @ApiProperty() verifiedCounterpartsOnly: boolean;
  @ApiProperty({ enum: PRICE_CEILING_POLICIES }) priceCeilingPolicy: PriceCeilingPolicy;
}
