import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** A trader's watchlist as the API answers it. */
export class WatchlistView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'cabai_merah_keriting' }) commodityCode: string;
  @ApiProperty({ nullable: true, type: String, example: '35' }) originCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: '21' }) destinationCode: string | null;
  @ApiProperty({ nullable: true, type: Number }) minQuantity: number | null;
  @ApiProperty() createdAt: string;
}

export class CreateWatchlistDto {
  @ApiProperty({ example: 'cabai_merah_keriting' })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'commodityCode must be a commodity code' })
  commodityCode: string;

  @ApiPropertyOptional({ example: '35', description: 'origin province or region' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'originCode must look like 35 or 35.07' })
  originCode?: string;

  @ApiPropertyOptional({ example: '21', description: 'destination province or region' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'destinationCode must look like 21 or 21.71' })
  destinationCode?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  minQuantity?: number;
}
