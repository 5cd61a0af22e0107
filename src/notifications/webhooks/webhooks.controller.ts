import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../accounts/auth/auth.decorators';
import type { Principal } from '../../accounts/principal';
import { ParseId } from '../../common/id.pipe';
import { PageQuery } from '../../common/pagination';
import { CreateWebhookDto, DeliveryView, WebhookView } from './webhook.dto';
import { WebhooksService } from './webhooks.service';
import { ApiPageResponse } from '../../common/api-docs';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiCreatedResponse({
    type: WebhookView,
    description: 'the only answer that shows the signing secret',
  })
  @ApiOperation({ summary: 'Register a webhook endpoint (signed Standard Webhooks)' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookView> {
    return this.webhooks.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "The organization's webhook endpoints" })
  @ApiPageResponse(WebhookView)
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery) {
    return this.webhooks.list(principal, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint' })
  @ApiNoContentResponse()
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
  ): Promise<void> {
    return this.webhooks.remove(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries to one endpoint, with every attempt' })
  @ApiPageResponse(DeliveryView)
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseId) id: string,
    @Query() query: PageQuery,
  ) {
    return this.webhooks.deliveries(principal, id, query);
  }
}
