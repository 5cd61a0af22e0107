import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { queryReturning } from '../../common/query-returning';
import { JobQueue } from '../../queue/job-queue';
import type { NotificationType } from '../notification-events';
import { NotificationPublisher } from '../redis-pubsub';

export interface Recipient {
  organizationId: string;
  data: Record<string, unknown>;
}

/** A stable UUID for (source, type): replays of one event always name the same notification. */
export function notificationEventId(sourceKey: string, type: string): string {
  const hex = createHash('sha1').update(`${sourceKey}|${type}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Exactly once per recipient: inbox rows and webhook deliveries are inserted with unique keys
 * (event, organization) and (endpoint, event), so a retried or duplicated job adds nothing. After
 * commit, every still-pending delivery of the event is (re-)enqueued with job id = delivery id,
 * which also repairs a crash between the commit and the enqueue.
 */
@Injectable()
export class NotificationWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: NotificationPublisher,
    private readonly jobs: JobQueue,
  ) {}

  /** Job id = delivery id: adding a delivery that already has a job (even a delayed retry) is a no-op. */
  async enqueueDeliveries(deliveryIds: string[]): Promise<void> {
    await this.jobs.enqueueBulk(
      'deliver-webhook',
      deliveryIds.map((deliveryId) => ({ deliveryId })),
    );
  }

  /** The recovery sweep's hand-over: also revives a pending delivery's failed job. */
  async requeueDeliveries(deliveryIds: string[]): Promise<void> {
    await this.jobs.requeueBulk(
      'deliver-webhook',
      deliveryIds.map((deliveryId) => ({ deliveryId })),
    );
  }

  async deliver(
    sourceKey: string,
    type: NotificationType,
    recipients: Recipient[],
    options: { webhooks: boolean } = { webhooks: true },
  ): Promise<number> {
    if (recipients.length === 0) return 0;
    const eventId = notificationEventId(sourceKey, type);
    const occurredAt = new Date().toISOString();
    const inserted = await this.dataSource.transaction(async (manager) => {
      // `seq` comes from one sequence, so without this two fan-outs to one organization could
      // commit out of seq order, and a live stream that had sent the later one (it reads
      // `seq > last`) would never send the earlier. A lock per recipient, taken before the insert
      // draws its seqs and held to commit, makes each organization's seqs commit in order. Taken
      // in key order, so fan-outs sharing recipients queue and never deadlock.
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtext('notifications'), k)
           FROM (SELECT DISTINCT hashtext(org::text) AS k FROM unnest($1::uuid[]) AS org) AS keys
          ORDER BY k`,
        [recipients.map((r) => r.organizationId)],
      );
      const rows = await queryReturning<{ organization_id: string }>(
        manager,
        `INSERT INTO notifications (organization_id, event_id, type, data)
         SELECT r.org, $1, $2, r.data FROM unnest($3::uuid[], $4::jsonb[]) AS r(org, data)
         ON CONFLICT (event_id, organization_id) DO NOTHING
         RETURNING organization_id`,
        [
          eventId,
          type,
          recipients.map((r) => r.organizationId),
          recipients.map((r) => JSON.stringify(r.data)),
        ],
      );
      if (options.webhooks) {
        await manager.query(
          `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, body)
           SELECT e.id, $1, $2, r.body FROM unnest($3::uuid[], $4::text[]) AS r(org, body)
             JOIN webhook_endpoints e
               ON e.organization_id = r.org AND e.enabled AND e.deleted_at IS NULL AND $2 = ANY(e.event_types)
           ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
          [
            eventId,
            type,
            recipients.map((r) => r.organizationId),
            recipients.map((r) =>
              JSON.stringify({ id: eventId, type, timestamp: occurredAt, data: r.data }),
            ),
          ],
        );
      }
      return rows;
    });

    await this.publisher.wake(inserted.map((r) => r.organization_id));
    if (options.webhooks) {
      const pending = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM webhook_deliveries WHERE event_id = $1 AND status = 'pending'`,
        [eventId],
      );
      await this.enqueueDeliveries(pending.map((d) => d.id));
    }
    return inserted.length;
  }
}
