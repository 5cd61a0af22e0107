import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import type { Agreement, AgreementStatus } from './agreement.entity';
import { AGREEMENT_STATUSES } from './agreement.entity';

export class CommitmentDto {
  @ApiProperty({ example: 'cabai_merah_keriting' })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode: string;

  @ApiProperty({ example: 20000, description: 'units per week (ISO week, from Monday 00:00 WIB)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  quantityPerPeriod: number;
}

export class CreateAgreementDto {
  @ApiPropertyOptional({ example: 'Kerja sama antar daerah Kabupaten Malang - Kota Batam' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiProperty({
    example: ['35.07', '21.71'],
    description: 'the two regions; a province code covers its regions',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @Matches(/^\d{2}(\.\d{2})?$/, {
    each: true,
    message: 'each region code must look like 35 or 35.07',
  })
  regionCodes: string[];

  @ApiProperty({ example: ['cabai_merah_keriting', 'cabai_rawit_merah'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(21)
  @ArrayUnique()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, {
    each: true,
    message: 'each commodity code must be a commodity code',
  })
  commodityCodes: string[];

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  validFrom: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  validUntil: string;

  @ApiProperty({
    description:
      'IDR per unit added to the weight of covered pairs in the engine (never to the gain shown); 0 for none (a committed volume is prioritised by its shortfall penalty instead)',
    example: 2000,
    minimum: 0,
  })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  priorityBonusPerUnit: number;

  @ApiPropertyOptional({
    description:
      "the other region's verified government; with one, the agreement is proposed and in force only once it accepts",
  })
  @IsOptional()
  @IsUUID()
  counterpartOrganizationId?: string;

  @ApiPropertyOptional({ type: [CommitmentDto], description: 'volumes committed per week' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => CommitmentDto)
  commitments?: CommitmentDto[];

  @ApiPropertyOptional({
    description: 'IDR per unit of committed volume left unmatched (required with commitments)',
    example: 10000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  shortfallPenaltyPerUnit?: number;

  @ApiPropertyOptional({
    description: 'lowest listing price covered, IDR per unit',
    example: 25000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  priceFloorPerUnit?: number;

  @ApiPropertyOptional({
    description: 'highest listing price covered, IDR per unit',
    example: 45000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  priceCeilingPerUnit?: number;

  @ApiPropertyOptional({ description: 'days between a notice to end and the end', default: 30 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  noticeDays?: number;
}

export class AgreementReportQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'periods from (default: validFrom)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'periods until (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  until?: string;
}

/** One commodity in one period (ISO week, Monday 00:00 WIB) of an agreement. */
export class AgreementPeriodView {
  @ApiProperty({ example: '2026-11-30' }) periodStart: string;
  @ApiProperty() commodityCode: string;
  @ApiProperty() committed: number;
  @ApiProperty({ description: 'in proposals waiting for answers (delivered units)' })
  proposed: number;
  @ApiProperty({ description: 'in confirmed trades (not cancelled or failed)' }) confirmed: number;
  @ApiProperty({
    description: 'received in trades delivered or completed, as the buyer recorded it',
  })
  delivered: number;
  @ApiProperty({ description: 'confirmed below the committed volume, pro rata of the period' })
  behind: boolean;
}

export class AgreementQuery extends PageQuery {
  @ApiPropertyOptional({ example: '21.71', description: 'agreements covering this region' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'regionCode must look like 35 or 35.07' })
  regionCode?: string;

  @ApiPropertyOptional({ example: 'cabai_merah_keriting' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode?: string;

  @ApiPropertyOptional({ description: 'only agreements in force now' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;
}

export class AgreementView {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) regionCodes: string[];
  @ApiProperty({ type: [String] }) commodityCodes: string[];
  @ApiProperty() validFrom: string;
  @ApiProperty() validUntil: string;
  @ApiProperty() priorityBonusPerUnit: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) counterpartOrganizationId: string | null;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status: AgreementStatus;
  @ApiProperty({ nullable: true, type: String }) acceptedAt: string | null;
  @ApiProperty({ type: [CommitmentDto] }) commitments: CommitmentDto[];
  @ApiProperty({ nullable: true, type: Number }) shortfallPenaltyPerUnit: number | null;
  @ApiProperty({ nullable: true, type: Number }) priceFloorPerUnit: number | null;
  @ApiProperty({ nullable: true, type: Number }) priceCeilingPerUnit: number | null;
  @ApiProperty() noticeDays: number;
  @ApiProperty({ nullable: true, type: String }) endNoticeAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endNoticeByOrganizationId: string | null;

  static from(a: Agreement): AgreementView {
    return Object.assign(new AgreementView(), {
      id: a.id,
      organizationId: a.organizationId,
      title: a.title,
      regionCodes: a.regionCodes,
      commodityCodes: a.commodityCodes,
      validFrom: a.validFrom.toISOString(),
      validUntil: a.validUntil.toISOString(),
      priorityBonusPerUnit: a.priorityBonusPerUnit,
      createdAt: a.createdAt.toISOString(),
      counterpartOrganizationId: a.counterpartOrganizationId,
      status: a.status,
      acceptedAt: a.acceptedAt?.toISOString() ?? null,
      commitments: a.commitments,
      shortfallPenaltyPerUnit: a.shortfallPenaltyPerUnit,
      priceFloorPerUnit: a.priceFloorPerUnit,
      priceCeilingPerUnit: a.priceCeilingPerUnit,
      noticeDays: a.noticeDays,
      endNoticeAt: a.endNoticeAt?.toISOString() ?? null,
      endNoticeByOrganizationId: a.endNoticeByOrganizationId,
    });
  }
}
