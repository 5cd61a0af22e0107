import type { AddressInfo } from 'node:net';
import {
  NotificationWriter,
  notificationEventId,
} from '../../src/notifications/inbox/notification.writer';
import { startApi, TestApi } from '../support/app';
import { Party, registerParty } from '../support/factories';
import { openStream } from '../support/sse';
import { waitFor } from '../support/wait';

/**
 * CI failure of 2026-12-02: `seq` comes from one sequence, so two fan-out jobs for the same
 * organization could commit out of seq order (6 taken first, 7 committed first). A live stream
 * that had sent 7 read `seq > 7` from then on and never sent 6; a resumed stream sent it.
 */
describe('live stream order (e2e)', () => {
  let api: TestApi;
  let base: string;
  let writer: NotificationWriter;
  let watched: Party;
  let other: Party;

  beforeAll(async () => {
    api = await startApi('all');
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    writer = api.app.get(NotificationWriter);
    watched = await registerParty(api.http, { type: 'trader' });
    other = await registerParty(api.http, { type: 'trader' });
  });
  afterAll(() => api.close());

  /** Fan-outs of this database waiting for a lock (the app's own worker may wait on others). */
  const lockWaiters = async () =>
    Number(
      (
        await api.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND (query LIKE '%INSERT INTO notifications%' OR query LIKE '%hashtext(''notifications'')%')`,
        )
      )[0].n,
    );

  it('sends a notification that commits after a later-numbered one', async () => {
    const stream = openStream(`${base}/api/v1/notifications/stream`, watched.auth);
    const blocker = api.dataSource.createQueryRunner();
    try {
      expect(await stream.status).toBe(200);
      // Once the stream has sent something, it has taken its starting point.
      await writer.deliver('warm-up', 'match.proposed', [
        { organizationId: watched.organization.id, data: {} },
      ]);
      await waitFor(() => stream.messages.length === 1, { what: 'the warm-up notification' });

      // The first fan-out takes its seq for `watched`, then waits on a row another
      // transaction holds for `other`, so it stays uncommitted.
      await blocker.startTransaction();
      await blocker.query(
        `INSERT INTO notifications (organization_id, event_id, type, data) VALUES ($1, $2, $3, '{}')`,
        [other.organization.id, notificationEventId('first', 'match.proposed'), 'match.proposed'],
      );
      const first = writer.deliver('first', 'match.proposed', [
        { organizationId: watched.organization.id, data: { n: 1 } },
        { organizationId: other.organization.id, data: { n: 1 } },
      ]);
      await waitFor(async () => (await lockWaiters()) === 1, { what: 'the first fan-out waiting' });

      // A second fan-out for `watched` takes a later seq; if it can commit now, the stream sends it.
      const second = writer.deliver('second', 'match.proposed', [
        { organizationId: watched.organization.id, data: { n: 2 } },
      ]);
      await Promise.race([
        second.then(() => waitFor(() => stream.messages.length === 2, { what: 'the second' })),
        waitFor(async () => (await lockWaiters()) === 2, { what: 'the second waiting' }),
      ]);

      await blocker.rollbackTransaction();
      await Promise.all([first, second]);
      const stored = await api.dataSource.query<{ seq: string }[]>(
        `SELECT seq::text FROM notifications WHERE organization_id = $1 ORDER BY seq`,
        [watched.organization.id],
      );
      expect(stored).toHaveLength(3);
      await waitFor(() => stream.messages.length >= 3, {
        what: 'every notification on the live stream',
        timeoutMs: 6_000,
      }).catch(() => undefined);
      expect(stream.messages.map((m) => m.id)).toEqual(stored.map((r) => r.seq));
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
      stream.close();
    }
  });
});
