import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import type { Agreement } from './agreement.entity';

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
    description: 'IDR per unit added to the gain of covered pairs',
    example: 2000,
    minimum: 0,
  })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  priorityBonusPerUnit: number;
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
    });
  }
}
