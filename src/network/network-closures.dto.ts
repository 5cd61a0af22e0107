import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { OptionalTimestamp, Timestamp } from '../common/timestamp.validators';
import type { NetworkClosureRow } from '../reference/service-network.entities';

export const CLOSURE_TARGET_KINDS = [
  'hub',
  'sea_service',
  'air_route',
  'ferry_crossing',
  'road_link',
] as const;
export type ClosureTargetKind = (typeof CLOSURE_TARGET_KINDS)[number];

export const CLOSURE_STATES = ['scheduled', 'in_force', 'ended'] as const;
export type ClosureState = (typeof CLOSURE_STATES)[number];

export class CreateNetworkClosureDto {
  @ApiProperty({
    example: 'airport-juanda',
    description:
      'what closes: a hub code (port, airport, ferry port), the code of a sea service, air route or ferry crossing (GET /api/v1/hubs and the service network CSVs), or a road link `road:<place>:<place>` between two regions or a region and a hub (e.g. `road:35.07:airport-juanda`, a flooded road: the trucks of that trip go another way)',
  })
  @IsString()
  @Length(3, 100)
  @Matches(/^(?:[a-z0-9][a-z0-9-]{1,99}|road:[a-z0-9][a-z0-9.-]*:[a-z0-9][a-z0-9.-]*)$/, {
    message: 'target must be a hub or service code, or road:<place>:<place>',
  })
  target: string;

  @OptionalTimestamp('when the closure starts (default: now)')
  closedFrom?: string | null;

  @Timestamp(
    'when it ends by itself (an administrator may reopen earlier)',
    '2026-12-02T18:00:00+07:00',
  )
  closedUntil: string;

  @ApiProperty({ example: 'Bandara Juanda ditutup: cuaca buruk (NOTAM)' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class NetworkClosureQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLOSURE_STATES })
  @IsOptional()
  @IsIn(CLOSURE_STATES, { message: `status must be one of ${CLOSURE_STATES.join(', ')}` })
  status?: ClosureState;
}

export class NetworkClosureView {
  @ApiProperty() id: string;
  @ApiProperty() target: string;
  @ApiProperty({ enum: CLOSURE_TARGET_KINDS }) targetKind: ClosureTargetKind;
  @ApiProperty({ example: 'Juanda International Airport' }) targetName: string;
  @ApiProperty() closedFrom: string;
  @ApiProperty() closedUntil: string;
  @ApiProperty() reason: string;
  @ApiProperty({
    enum: CLOSURE_STATES,
    description:
      'scheduled: not yet in force; in_force: routes avoid it and proposals using it were superseded; ended: reopened or past closedUntil',
  })
  status: ClosureState;
  @ApiProperty({ type: String, nullable: true, description: 'when it came into force' })
  startedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reopenedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty() createdAt: string;

  static from(
    row: NetworkClosureRow,
    target: { kind: ClosureTargetKind; name: string },
    now: Date,
  ): NetworkClosureView {
    const over = row.reopenedAt !== null || row.closedUntil <= now;
    return {
      id: row.id,
      target: row.target,
      targetKind: target.kind,
      targetName: target.name,
      closedFrom: row.closedFrom.toISOString(),
      closedUntil: row.closedUntil.toISOString(),
      reason: row.reason,
      status: over ? 'ended' : row.closedFrom <= now ? 'in_force' : 'scheduled',
      startedAt: row.startedAt?.toISOString() ?? null,
      reopenedAt: row.reopenedAt?.toISOString() ?? null,
      endedAt: row.endedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
