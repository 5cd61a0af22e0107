import {
  Body,
  Controller,
  Get,
  Post,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { AdministratorsOnly, CurrentAdministrator } from '../admin/administrator.guard';
import type { Actor } from '../admin/audit-log.service';
import { ApiPageResponse } from '../common/api-docs';
import { DomainError } from '../common/domain-error';
import { PageQuery, type Page } from '../common/pagination';
import {
  CreatePriceReferenceDto,
  ObservationImportView,
  PriceReferenceQuery,
  PriceReferenceView,
  PriceZoneView,
} from './prices.dto';
import { PricesService } from './prices.service';

/** Reference prices as every signed-in organization may read them (they are public figures). */
@ApiTags('reference prices')
@ApiBearerAuth()
@Controller()
export class PriceReferencesController {
  constructor(private readonly prices: PricesService) {}

  @Get('price-references')
  @ApiOperation({
    summary:
      'Reference prices (HAP/HET) per commodity, zone and level, every version with its source',
  })
  @ApiPageResponse(PriceReferenceView)
  list(@Query() query: PriceReferenceQuery): Promise<Page<PriceReferenceView>> {
    return this.prices.list(query);
  }

  @Get('price-zones')
  @ApiOperation({ summary: 'The zones of the price regulations and the provinces each covers' })
  @ApiPageResponse(PriceZoneView)
  zones(@Query() query: PageQuery): Promise<Page<PriceZoneView>> {
    return this.prices.zones(query);
  }
}

const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** Administrators enter reference price versions and import the panels' observations. */
@ApiTags('administration')
@ApiBearerAuth()
@AdministratorsOnly()
@Controller('admin')
export class PricesAdminController {
  constructor(private readonly prices: PricesService) {}

  @Post('price-references')
  @ApiOperation({
    summary: 'Enter a reference price version (in force from its effectiveFrom; history kept)',
  })
  @ApiCreatedResponse({ type: PriceReferenceView })
  create(
    @CurrentAdministrator() actor: Actor,
    @Body() dto: CreatePriceReferenceDto,
  ): Promise<PriceReferenceView> {
    return this.prices.create(dto, actor);
  }

  @Post('price-observations')
  @ApiOperation({
    summary:
      'Import price observations (region, commodity, date, price) from a price-panel CSV: all rows or none',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    description:
      'a CSV with a header `region,commodity,date,price` (text/csv body, or a multipart field `file`)',
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: ObservationImportView })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_CSV_BYTES, files: 1 } }))
  importObservations(
    @Req() req: Request,
    @UploadedFile() file?: { buffer: Buffer },
  ): Promise<ObservationImportView> {
    const body: unknown = req.body;
    const text = file ? file.buffer.toString('utf8') : typeof body === 'string' ? body : null;
    if (text === null)
      throw DomainError.validation([
        {
          field: 'body',
          message: 'send the CSV as a text/csv body or as a multipart/form-data field "file"',
        },
      ]);
    return this.prices.importObservations(text);
  }
}
