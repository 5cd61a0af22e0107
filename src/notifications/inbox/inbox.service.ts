import { Injectable, MessageEvent } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Principal } from '../../accounts/principal';
import { DomainError } from '../../common/domain-error';
import { decodeSeqCursor } from '../../common/pagination';
import { queryReturning } from '../../common/query-returning';
import { NotificationHub } from '../redis-pubsub';
import { InboxQuery, UnreadCountView, NotificationView } from './inbox.dto';

interface Row {
  id: string;
  seq: string;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const toView = (r: Row): NotificationView =>
  Object.assign(new NotificationView(), {
    id: r.id,
    seq: String(r.seq),
    eventId: r.event_id,
    type: r.type,
    data: r.data,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  });

const COLUMNS = 'id, seq, event_id, type, data, created_at, read_at';
/** A stream re-reads the inbox at least this often, even if no wake-up arrives through Redis. */
const STREAM_POLL_MS = 2000;

@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hub: NotificationHub,
  ) {}

  async list(principal: Principal, query: InboxQuery) {
    const limit = query.limit ?? 20;
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM notifications
        WHERE organization_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
          AND ($3::bigint IS NULL OR seq < $3)
          AND ($5::text IS NULL OR type = $5)
        ORDER BY seq DESC LIMIT $4`,
      [
        principal.organizationId,
        query.unread ?? null,
        decodeSeqCursor(query.cursor),
        limit + 1,
        query.type ?? null,
      ],
    );
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
  }

  /** The badge of the console: how many notifications nobody in the organization has read. */
  async unreadCount(principal: Principal): Promise<UnreadCountView> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM notifications
        WHERE organization_id = $1 AND read_at IS NULL`,
      [principal.organizationId],
    );
    return { count: row?.count ?? 0 };
  }

  async markRead(principal: Principal, id: string): Promise<NotificationView> {
    const [row] = await queryReturning<Row>(
      this.dataSource.manager,
      `UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND organization_id = $2 RETURNING ${COLUMNS}`,
      [id, principal.organizationId],
    );
    if (!row) throw DomainError.notFound('Notification');
    return toView(row);
  }

  /**
   * Server-sent events of the organization's new notifications. Wake-ups come through Redis
   * pub/sub (any worker, any API process); the rows always come from PostgreSQL, in seq order,
   * so a stream resumed with Last-Event-ID misses nothing and repeats nothing.
   */
  /** Ends at `endsAt` (ms): the credential's expiry (see StreamSlotGuard). */
  stream(
    principal: Principal,
    lastEventId: string | undefined,
    endsAt: number,
  ): Observable<MessageEvent> {
    if (lastEventId !== undefined && !/^\d{1,18}$/.test(lastEventId)) {
      throw DomainError.validation([
        { field: 'Last-Event-ID', message: 'must be the seq of a notification' },
      ]);
    }
    return new Observable<MessageEvent>((subscriber) => {
      let last: string | null = lastEventId ?? null;
      let running = false;
      let again = false;
      let closed = false;
      const pump = async (): Promise<void> => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          if (last === null) {
            const [{ max }] = await this.dataSource.query<{ max: string }[]>(
              `SELECT coalesce(max(seq), 0)::text AS max FROM notifications WHERE organization_id = $1`,
              [principal.organizationId],
            );
            last = max;
          }
          do {
            again = false;
            const rows: Row[] = await this.dataSource.query<Row[]>(
              `SELECT ${COLUMNS} FROM notifications WHERE organization_id = $1 AND seq > $2 ORDER BY seq LIMIT 100`,
              [principal.organizationId, last],
            );
            for (const row of rows) {
              if (closed) return;
              subscriber.next({ id: String(row.seq), type: row.type, data: toView(row) });
              last = String(row.seq);
            }
            if (rows.length === 100) again = true;
          } while (again && !closed);
        } catch {
          // A database hiccup: the next wake-up or poll tries again.
        } finally {
          running = false;
        }
      };
      const stop = this.hub.listen(principal.organizationId, () => void pump());
      const timer = setInterval(() => void pump(), STREAM_POLL_MS);
      const expiry = setTimeout(() => subscriber.complete(), Math.max(0, endsAt - Date.now()));
      void pump();
      return () => {
        closed = true;
        stop();
        clearInterval(timer);
        clearTimeout(expiry);
      };
    });
  }
}
