import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RATIONING_POLICIES, type RationingPolicy } from '../engine';
import type { EffectiveRationingPolicy } from './rationing-policy.store';

export class SetRationingPolicyDto {
  @ApiProperty({
    enum: RATIONING_POLICIES,
    example: 'fair',
    description:
      '`fair`: in a shortage every request that can be served gets its fair share first (the ' +
      'smallest fill ratio as large as possible), then the gain decides; `max-gain`: the gain alone',
  })
  @IsIn(RATIONING_POLICIES)
  policy: RationingPolicy;
}

export class RationingPolicyView {
  @ApiProperty({ example: 'cabai_merah_keriting' }) commodityCode: string;
  @ApiProperty({ enum: RATIONING_POLICIES }) policy: RationingPolicy;
  @ApiProperty({ description: 'false while the commodity has its default (staples: fair)' })
  setByAdministrator: boolean;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;

  static from(p: EffectiveRationingPolicy): RationingPolicyView {
    return Object.assign(new RationingPolicyView(), {
      commodityCode: p.commodityCode,
      policy: p.policy,
      setByAdministrator: p.setByAdministrator,
      updatedAt: p.updatedAt?.toISOString() ?? null,
    });
  }
}
