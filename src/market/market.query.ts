import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';

/** Filters shared by both sides of the market. */
export class MarketQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'cabai_merah_keriting' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode?: string;

  @ApiPropertyOptional({
    description:
      'Listings and requests are visible only to their own organization, so every list is already "mine"; accepted for clients that always send it.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  mine?: boolean;
}
