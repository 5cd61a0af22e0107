import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { queryReturning } from '../../common/query-returning';
import { NotificationWriter } from '../inbox/notification.writer';
import { signWebhook } from './signature';
import { DeliveryGate } from './delivery-gate';
import { SendResult, sendWebhook } from './webhook.sender';

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: string;
  attempts: number;
  url: string;
  secret: string;
  enabled: boolean;
  organization_id: string;
}

/** 'postponed': the tenant's delivery slots are all in use; the job waits without using an attempt. */
export type AttemptOutcome = 'succeeded' | 'retry' | 'gone' | 'skipped' | 'postponed';

export interface AttemptResult {
  outcome: AttemptOutcome;
  detail: string;
  /** For 'postponed': how long no slot can be expected (0: soon). */
  slowForMs?: number;
}

/**
 * One attempt of one delivery, recorded in the delivery log whatever its outcome. The caller
 * (the BullMQ processor) retries on 'retry' and gives up after the last attempt.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationWriter,
    private readonly gate: DeliveryGate,
  ) {}

  async attempt(deliveryId: string): Promise<AttemptResult> {
    const [delivery] = await this.dataSource.query<DeliveryRow[]>(
      `SELECT d.id, d.endpoint_id, d.event_id, d.event_type, d.body, d.status, d.attempts,
              e.url, e.secret, e.enabled AND e.deleted_at IS NULL AS enabled, e.organization_id
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    if (!delivery || delivery.status !== 'pending')
      return { outcome: 'skipped', detail: 'already settled' };
    if (!delivery.enabled) {
      await this.settle(delivery.id, 'failed');
      return { outcome: 'skipped', detail: 'endpoint disabled' };
    }

    const pass = await this.gate.enter(delivery.endpoint_id, delivery.organization_id);
    if (pass.kind === 'busy')
      return { outcome: 'postponed', detail: 'delivery slots in use', slowForMs: pass.slowForMs };
    if (pass.kind === 'open') {
      const seconds = Math.ceil(pass.retryInMs / 1000);
      const detail = `endpoint paused: its last attempts timed out (circuit open; next probe in ${seconds} s)`;
      await this.record(delivery, { statusCode: null, error: detail, durationMs: 0 });
      return { outcome: 'retry', detail };
    }

    const timestamp = Math.floor(Date.now() / 1000);
    const result = await sendWebhook(
      delivery.url,
      {
        'webhook-id': delivery.event_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(
          delivery.secret,
          delivery.event_id,
          timestamp,
          delivery.body,
        ),
        'user-agent': 'Jembatan-Webhooks/1',
      },
      delivery.body,
      {
        timeoutMs: this.config.webhookTimeoutMs,
        connectTimeoutMs: this.config.webhookConnectTimeoutMs,
        allowPrivate: this.config.webhookAllowPrivate,
      },
    );
    await pass.leave(result);
    await this.record(delivery, result);

    const code = result.statusCode;
    if (code !== null && code >= 200 && code < 300) {
      await this.settle(delivery.id, 'succeeded');
      await this.dataSource.query(
        `UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = $1`,
        [delivery.endpoint_id],
      );
      return { outcome: 'succeeded', detail: `HTTP ${code}` };
    }
    if (code === 410) {
      // The receiver says the endpoint is gone for good: stop sending to it at all.
      await this.settle(delivery.id, 'failed');
      await this.disable(delivery, 'the receiver answered 410 Gone');
      return { outcome: 'gone', detail: 'HTTP 410' };
    }
    return { outcome: 'retry', detail: result.error ?? `HTTP ${code}` };
  }

  private async record(
    delivery: DeliveryRow,
    result: Pick<SendResult, 'statusCode' | 'error' | 'durationMs'>,
  ): Promise<void> {
    const attemptNumber = delivery.attempts + 1;
    await this.dataSource.query(
      `INSERT INTO webhook_attempts (delivery_id, attempt_number, status_code, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (delivery_id, attempt_number) DO NOTHING`,
      [delivery.id, attemptNumber, result.statusCode, result.error, result.durationMs],
    );
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET attempts = $2, updated_at = now() WHERE id = $1`,
      [delivery.id, attemptNumber],
    );
  }

  /** Called when the last attempt failed: the delivery is failed, and a long run disables the endpoint. */
  async giveUp(deliveryId: string): Promise<void> {
    const [row] = await queryReturning<{ endpoint_id: string }>(
      this.dataSource.manager,
      `UPDATE webhook_deliveries SET status = 'failed', updated_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING endpoint_id`,
      [deliveryId],
    );
    if (!row) return;
    const [endpoint] = await queryReturning<DeliveryRow & { consecutive_failures: number }>(
      this.dataSource.manager,
      `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1
        WHERE id = $1 RETURNING id AS endpoint_id, url, organization_id, consecutive_failures, enabled`,
      [row.endpoint_id],
    );
    if (
      endpoint &&
      endpoint.enabled &&
      endpoint.consecutive_failures >= this.config.webhookDisableAfterFailures
    ) {
      await this.disable(endpoint, `${endpoint.consecutive_failures} deliveries in a row failed`);
    }
  }

  private async settle(deliveryId: string, status: 'succeeded' | 'failed'): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = $2::varchar,
              delivered_at = CASE WHEN $2::varchar = 'succeeded' THEN now() END,
              updated_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [deliveryId, status],
    );
  }

  private async disable(
    endpoint: Pick<DeliveryRow, 'endpoint_id' | 'url' | 'organization_id'>,
    reason: string,
  ) {
    const [changed] = await queryReturning<{ id: string }>(
      this.dataSource.manager,
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2
        WHERE id = $1 AND enabled RETURNING id`,
      [endpoint.endpoint_id, reason],
    );
    if (!changed) return;
    this.logger.warn({ endpointId: endpoint.endpoint_id, reason }, 'webhook endpoint disabled');
    // Tell the organization in its inbox (not over the endpoint that just failed).
    await this.notifications.deliver(
      `webhook-disabled-${endpoint.endpoint_id}`,
      'webhook.disabled',
      [
        {
          organizationId: endpoint.organization_id,
          data: { endpointId: endpoint.endpoint_id, url: endpoint.url, reason },
        },
      ],
      { webhooks: false },
    );
  }
}
