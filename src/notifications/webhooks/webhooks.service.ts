import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../accounts/principal';
import { DomainError } from '../../common/domain-error';
import { keysetPage, PageQuery } from '../../common/pagination';
import { createWithinCap } from '../../common/tenant-cap';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { queryReturning } from '../../common/query-returning';
import { newWebhookSecret } from './signature';
import { assertDeliverableUrl, ForbiddenUrlError } from './url-guard';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { CreateWebhookDto, WebhookView, DeliveryView } from './webhook.dto';

@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, dto: CreateWebhookDto): Promise<WebhookView> {
    try {
      await assertDeliverableUrl(dto.url, this.config.webhookAllowPrivate);
    } catch (error) {
      if (error instanceof ForbiddenUrlError)
        throw DomainError.validation([{ field: 'url', message: error.message }]);
      throw error;
    }
    const endpoint = await this.dataSource.transaction((manager) =>
      createWithinCap(
        manager,
        principal.organizationId,
        {
          cap: 'WEBHOOK_ENDPOINTS_PER_ORGANIZATION',
          countSql: `SELECT 1 FROM webhook_endpoints WHERE organization_id = $1 AND deleted_at IS NULL`,
          what: 'webhook endpoints',
        },
        this.config.caps.WEBHOOK_ENDPOINTS_PER_ORGANIZATION,
        () =>
          manager.save(
            manager.create(WebhookEndpoint, {
              organizationId: principal.organizationId,
              url: dto.url,
              secret: newWebhookSecret(),
              eventTypes: [...dto.eventTypes].sort(),
              enabled: true,
            }),
          ),
      ),
    );
    return WebhookView.from(endpoint, true);
  }

  async list(principal: Principal, query: PageQuery) {
    const qb = this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('e')
      .where('e.organization_id = :org AND e.deleted_at IS NULL', {
        org: principal.organizationId,
      });
    return keysetPage(qb, 'e', query, (e) => WebhookView.from(e));
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const rows = await queryReturning<{ id: string }>(
      this.dataSource.manager,
      `UPDATE webhook_endpoints SET deleted_at = now(), enabled = false
        WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL RETURNING id`,
      [id, principal.organizationId],
    );
    if (rows.length === 0) throw DomainError.notFound('Webhook');
  }

  async deliveries(principal: Principal, id: string, query: PageQuery) {
    const endpoint = await this.dataSource
      .getRepository(WebhookEndpoint)
      .findOne({ where: { id, organizationId: principal.organizationId } });
    if (!endpoint) throw DomainError.notFound('Webhook');
    const qb = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.endpoint_id = :id', { id });
    const page = await keysetPage(qb, 'd', query, (d) => d);
    const rows = page.items;
    const attempts = rows.length
      ? await this.dataSource
          .getRepository(WebhookAttempt)
          .createQueryBuilder('a')
          .where('a.delivery_id IN (:...ids)', { ids: rows.map((r) => r.id) })
          .orderBy('a.attempt_number', 'ASC')
          .getMany()
      : [];
    const items = rows.map((d) =>
      Object.assign(new DeliveryView(), {
        id: d.id,
        eventId: d.eventId,
        eventType: d.eventType,
        status: d.status,
        attempts: d.attempts,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
        createdAt: d.createdAt.toISOString(),
        log: attempts
          .filter((a) => a.deliveryId === d.id)
          .map((a) => ({
            attempt: a.attemptNumber,
            at: a.createdAt.toISOString(),
            statusCode: a.statusCode,
            error: a.error,
            durationMs: a.durationMs,
          })),
      }),
    );
    return { items, nextCursor: page.nextCursor };
  }
}
