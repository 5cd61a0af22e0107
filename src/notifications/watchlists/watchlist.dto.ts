import { ApiProperty } from '@nestjs/swagger';

/** A trader's watchlist as the API answers it. */
export class WatchlistView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'cabai_merah_keriting' }) commodityCode: string;
  @ApiProperty({ nullable: true, type: String, example: '35' }) originCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: '21' }) destinationCode: string | null;
  @ApiProperty({ nullable: true, type: Number }) minQuantity: number | null;
  @ApiProperty() createdAt: string;
}
