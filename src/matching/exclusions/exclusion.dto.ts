import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import {
  DECLINE_REASONS,
  DeclineReason,
  EXCLUSION_KINDS,
  ExclusionKind,
  MatchExclusion,
} from './exclusion.entity';

export class DeclineMatchDto {
  @ApiProperty({ enum: DECLINE_REASONS, description: 'why; `partner` excludes the counterpart' })
  @IsIn(DECLINE_REASONS, { message: `reason must be one of ${DECLINE_REASONS.join(', ')}` })
  reason: DeclineReason;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ExclusionQuery extends PageQuery {}

/** One of an organization's own exclusions. */
export class ExclusionView {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: EXCLUSION_KINDS,
    description: '`pair`: this listing with this request; `partner`: the whole organization',
  })
  kind: ExclusionKind;
  @ApiProperty({ enum: DECLINE_REASONS }) reason: DeclineReason;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() counterpartOrganizationId: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty({ nullable: true, type: String }) supplyListingId: string | null;
  @ApiProperty({ nullable: true, type: String }) demandRequestId: string | null;
  @ApiProperty({ nullable: true, type: String }) matchId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the cancelled or failed trade' })
  tradeId: string | null;
  @ApiProperty() createdAt: string;

  static from(e: MatchExclusion): ExclusionView {
    return Object.assign(new ExclusionView(), {
      id: e.id,
      kind: e.kind,
      reason: e.reason,
      note: e.note,
      counterpartOrganizationId: e.counterpartOrganizationId,
      commodityCode: e.commodityCode,
      // A partner exclusion is about the organization; the listing and request it came from
      // are history, not its scope.
      supplyListingId: e.kind === 'pair' ? e.supplyListingId : null,
      demandRequestId: e.kind === 'pair' ? e.demandRequestId : null,
      matchId: e.matchId,
      tradeId: e.tradeId,
      createdAt: e.createdAt.toISOString(),
    });
  }
}
