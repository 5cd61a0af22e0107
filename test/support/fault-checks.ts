import { Queue } from 'bullmq';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { MatchingService } from '../../src/matching/matching.service';
import { notificationEventId } from '../../src/notifications/inbox/notification.writer';
import { QUEUES } from '../../src/queue/job-catalog';
import { redisOptionsFromUrl } from '../../src/queue/redis-connection';
import { aListing, aRequest, daysFromNow, Party } from './factories';
import type { WebhookReceiver } from './webhook-receiver';
import { waitFor } from './wait';

/** The queues that carry the market's work, opened on any Redis and prefix. */
export interface FaultQueues {
  events: Queue;
  marketEvents: Queue;
  matching: Queue;
  webhooks: Queue;
  close(): Promise<void>;
}

export function openQueues(redisUrl: string, prefix: string): FaultQueues {
  const connection = redisOptionsFromUrl(redisUrl);
  const open = (name: string) => {
    const queue = new Queue(name, { connection, prefix });
    queue.on('error', () => undefined); // a test that stops Redis expects these
    return queue;
  };
  const events = open(QUEUES.events);
  const marketEvents = open(QUEUES.marketEvents);
  const matching = open(QUEUES.matching);
  const webhooks = open(QUEUES.webhooks);
  return {
    events,
    marketEvents,
    matching,
    webhooks,
    close: async () => {
      await Promise.all([events.close(), marketEvents.close(), matching.close(), webhooks.close()]);
    },
  };
}

export interface WorkSnapshot {
  outboxPending: number;
  events: number;
  marketEvents: number;
  matching: number;
  webhooks: number;
  pendingDeliveries: number;
}

const BUSY = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/**
 * What is still to do. Webhook jobs are counted by state only for waiting/active ones: other test
 * files may leave deliveries to their own failing endpoints in `delayed` for minutes, so the
 * webhook side of "done" is read from the database instead: no delivery of ours still pending.
 */
export async function workLeft(
  dataSource: DataSource,
  queues: FaultQueues,
  endpointIds: string[] = [],
): Promise<WorkSnapshot> {
  const [{ pending }] = await dataSource.query<{ pending: number }[]>(
    `SELECT count(*)::int AS pending FROM outbox_events WHERE published_at IS NULL`,
  );
  const [{ deliveries }] = await dataSource.query<{ deliveries: number }[]>(
    `SELECT count(*)::int AS deliveries FROM webhook_deliveries
      WHERE endpoint_id = ANY($1) AND status = 'pending'`,
    [endpointIds],
  );
  return {
    outboxPending: pending,
    events: await queues.events.getJobCountByTypes(...BUSY),
    marketEvents: await queues.marketEvents.getJobCountByTypes(...BUSY),
    matching: await queues.matching.getJobCountByTypes(...BUSY),
    webhooks: await queues.webhooks.getJobCountByTypes('waiting', 'active', 'prioritized'),
    pendingDeliveries: deliveries,
  };
}

/** Waits until the outbox is drained and the queues are idle, several checks in a row. */
export async function waitForQuiescence(
  dataSource: DataSource,
  queues: FaultQueues,
  {
    endpointIds = [] as string[],
    timeoutMs = 60_000,
    quietChecks = 3,
    intervalMs = 250,
    handled = false,
  } = {},
): Promise<WorkSnapshot> {
  let quiet = 0;
  let last: (WorkSnapshot & { unhandled?: number }) | undefined;
  await waitFor(
    async () => {
      last = await workLeft(dataSource, queues, endpointIds);
      // `handled`: every relayed event also stamped processed by its handler. A job BullMQ failed
      // for good leaves its queue looking idle; the relay hands such an event over again after
      // RECOVERY_AFTER_MS, and only this count tells the two apart.
      if (handled) last.unhandled = await unhandledEvents(dataSource);
      const busy = Object.values(last).reduce((a, b) => a + b, 0);
      quiet = busy === 0 ? quiet + 1 : 0;
      return quiet >= quietChecks;
    },
    {
      timeoutMs,
      intervalMs,
      what: `quiescence (last seen: ${JSON.stringify(last)})`,
    },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last work left: ${JSON.stringify(last)}`);
  });
  return last!;
}

/** Outbox events not yet stamped processed by their handlers (published or not). */
export async function unhandledEvents(dataSource: DataSource): Promise<number> {
  const [{ n }] = await dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL`,
  );
  return n;
}

/** Jobs BullMQ failed for good, per queue, with their reasons: what a fault test's log should show. */
export async function failedJobs(queues: FaultQueues): Promise<Record<string, string[]>> {
  const lanes = {
    events: queues.events,
    marketEvents: queues.marketEvents,
    matching: queues.matching,
  };
  const failed: Record<string, string[]> = {};
  for (const [lane, queue] of Object.entries(lanes)) {
    const jobs = await queue.getFailed();
    if (jobs.length > 0) failed[lane] = jobs.map((j) => `${j.id}: ${j.failedReason}`);
  }
  return failed;
}

/** A varied burst of listings and requests for one commodity, spread over the given parties. */
export function burstWrites(
  http: TestAgent,
  commodityCode: string,
  sellers: Party[],
  buyers: Party[],
  count: number,
  offset = 0,
  grades = ['super', 'I', 'II'],
): Promise<{ listingIds: string[]; requestIds: string[] }> {
  const writes: Promise<{ kind: 'listing' | 'request'; id: string }>[] = [];
  for (let k = 0; k < count; k++) {
    const i = k + offset;
    const seller = sellers[i % sellers.length];
    const buyer = buyers[i % buyers.length];
    writes.push(
      http
        .post('/api/v1/supply-listings')
        .set(seller.auth)
        .send(
          aListing({
            commodityCode,
            grade: grades[i % grades.length],
            quantity: 500 + 137 * (i % 29),
            minOrderQuantity: i % 4 === 0 ? 300 : undefined,
            pricePerUnit: 25000 + 700 * (i % 23),
            originRegionCode: seller.organization.regionCode,
            availableUntil: daysFromNow(4 + (i % 5)),
          }),
        )
        .expect(201)
        .then((res) => ({ kind: 'listing' as const, id: res.body.id as string })),
      http
        .post('/api/v1/demand-requests')
        .set(buyer.auth)
        .send(
          aRequest({
            commodityCode,
            minGrade: grades[grades.length - 1 - (i % 2)],
            quantity: 400 + 211 * (i % 31),
            maxPricePerUnit: 45000 + 900 * (i % 19),
            destinationRegionCode: buyer.organization.regionCode,
            deliverBy: daysFromNow(6 + (i % 6)),
          }),
        )
        .expect(201)
        .then((res) => ({ kind: 'request' as const, id: res.body.id as string })),
    );
  }
  return Promise.all(writes).then((done) => ({
    listingIds: done.filter((d) => d.kind === 'listing').map((d) => d.id),
    requestIds: done.filter((d) => d.kind === 'request').map((d) => d.id),
  }));
}

/** Cooperatives in Java and procurement offices elsewhere: every pair has a transport option. */
export const SELLER_REGIONS = ['35.07', '35.09', '33.29', '32.05'];
export const BUYER_REGIONS = ['21.71', '31.71', '12.75', '64.72'];

/**
 * The market of a commodity is sound: no pair holds two open proposals, and no listing or request
 * is proposed beyond what remains of it (a listing counts the units shipped, a request the units
 * expected to arrive). Returns the number of open proposals.
 */
export async function expectSoundMarket(
  dataSource: DataSource,
  commodityCode: string,
): Promise<number> {
  const duplicates = await dataSource.query(
    `SELECT supply_listing_id, demand_request_id FROM matches
      WHERE commodity_code = $1 AND status = 'proposed'
      GROUP BY 1, 2 HAVING count(*) > 1`,
    [commodityCode],
  );
  expect(duplicates).toEqual([]);
  const overListings = await dataSource.query(
    `SELECT l.id FROM supply_listings l JOIN matches m ON m.supply_listing_id = l.id AND m.status = 'proposed'
      WHERE l.commodity_code = $1 GROUP BY l.id, l.remaining_quantity HAVING sum(m.quantity) > l.remaining_quantity`,
    [commodityCode],
  );
  const overRequests = await dataSource.query(
    `SELECT r.id FROM demand_requests r JOIN matches m ON m.demand_request_id = r.id AND m.status = 'proposed'
      WHERE r.commodity_code = $1 GROUP BY r.id, r.remaining_quantity HAVING sum(m.quantity_delivered) > r.remaining_quantity`,
    [commodityCode],
  );
  expect(overListings).toEqual([]);
  expect(overRequests).toEqual([]);
  const [{ proposed }] = await dataSource.query<{ proposed: number }[]>(
    `SELECT count(*)::int AS proposed FROM matches WHERE commodity_code = $1 AND status = 'proposed'`,
    [commodityCode],
  );
  return proposed;
}

/** A fresh re-optimisation finds nothing to change: what the workers left is the optimum. */
export async function expectOptimal(
  matching: MatchingService,
  commodityCode: string,
  openProposals: number,
): Promise<void> {
  const summary = await matching.reoptimize(commodityCode);
  expect(summary).toMatchObject({ proposed: 0, superseded: 0, kept: openProposals });
}

interface MatchEventRow {
  id: string;
  type: string;
  supplier: string;
  buyer: string;
  published_at: Date | null;
  processed_at: Date | null;
}

export interface NotificationAudit {
  matchEvents: number;
  proposedEvents: number;
  inboxRows: number;
  opportunities: number;
}

/**
 * Every match event of these organizations reached the supplier's and the buyer's inbox exactly
 * once, and (with `traders`) every proposal reached each watching trader once as an opportunity;
 * nothing arrived that no event explains. The expectation is derived from the matches table: one
 * `match.proposed` event per match row.
 */
export async function expectMatchNotificationsExactlyOnce(
  dataSource: DataSource,
  organizationIds: string[],
  { traders = [] as string[] } = {},
): Promise<NotificationAudit> {
  const events = await dataSource.query<MatchEventRow[]>(
    `SELECT o.id, o.type, m.supplier_organization_id AS supplier, m.buyer_organization_id AS buyer,
            o.published_at, o.processed_at
       FROM outbox_events o JOIN matches m ON m.id = o.aggregate_id
      WHERE o.aggregate_type = 'match'
        AND (m.supplier_organization_id = ANY($1) OR m.buyer_organization_id = ANY($1))`,
    [organizationIds],
  );
  const [{ matches }] = await dataSource.query<{ matches: number }[]>(
    `SELECT count(*)::int AS matches FROM matches
      WHERE supplier_organization_id = ANY($1) OR buyer_organization_id = ANY($1)`,
    [organizationIds],
  );
  const proposed = events.filter((e) => e.type === 'match.proposed');
  expect(proposed).toHaveLength(matches);

  // Each expected notification, by key, with the outbox event it comes from.
  const expected = new Map<string, MatchEventRow>();
  const key = (eventId: string, org: string, type: string) => `${eventId}|${org}|${type}`;
  for (const e of events) {
    for (const org of new Set([e.supplier, e.buyer])) {
      expected.set(key(notificationEventId(e.id, e.type), org, e.type), e);
    }
  }
  for (const e of proposed) {
    for (const trader of traders) {
      expected.set(
        key(notificationEventId(e.id, 'opportunity.matched'), trader, 'opportunity.matched'),
        e,
      );
    }
  }
  const rows = await dataSource.query<
    { event_id: string; organization_id: string; type: string; n: number }[]
  >(
    `SELECT event_id, organization_id, type, count(*)::int AS n FROM notifications
      WHERE organization_id = ANY($1) AND (type LIKE 'match.%' OR type = 'opportunity.matched')
      GROUP BY 1, 2, 3`,
    [[...organizationIds, ...traders]],
  );
  const actual = new Map(rows.map((r) => [key(r.event_id, r.organization_id, r.type), r.n]));
  // A missing notification says how far its event got: never relayed, relayed but never handled
  // (its job lost or failed for good), or handled without writing it (the handler's own doing).
  const progress = (e: MatchEventRow) =>
    e.processed_at
      ? `handled ${e.processed_at.toISOString()}`
      : e.published_at
        ? `relayed ${e.published_at.toISOString()}, never handled`
        : 'never relayed';
  const missing = [...expected.entries()]
    .filter(([k]) => !actual.has(k))
    .map(([k, e]) => `${k} (event ${progress(e)})`);
  const duplicated = [...actual.entries()].filter(([, n]) => n > 1).map(([k]) => k);
  const unexplained = [...actual.keys()].filter((k) => !expected.has(k));
  expect({ missing, duplicated, unexplained }).toEqual({
    missing: [],
    duplicated: [],
    unexplained: [],
  });
  return {
    matchEvents: events.length,
    proposedEvents: proposed.length,
    inboxRows: rows.reduce((sum, r) => sum + r.n, 0),
    opportunities: rows.filter((r) => r.type === 'opportunity.matched').length,
  };
}

export interface Endpoint {
  id: string;
  path: string;
  organizationId: string;
  eventTypes: string[];
}

export async function registerEndpoint(
  http: TestAgent,
  party: Party,
  receiver: WebhookReceiver,
  path: string,
  eventTypes: string[],
): Promise<Endpoint> {
  const res = await http
    .post('/api/v1/webhooks')
    .set(party.auth)
    .send({ url: receiver.script(path, [204]), eventTypes })
    .expect(201);
  return { id: res.body.id as string, path, organizationId: party.organization.id, eventTypes };
}

/**
 * Each endpoint has exactly one delivery per notification of a type it subscribes to, every
 * delivery succeeded, and the receiver saw each webhook-id exactly once (none lost, none twice).
 */
export async function expectWebhooksDeliveredOnce(
  dataSource: DataSource,
  receiver: WebhookReceiver,
  endpoints: Endpoint[],
  maxInterruptedAttempts = 0,
): Promise<number> {
  let total = 0;
  for (const endpoint of endpoints) {
    const wanted = await dataSource.query<{ event_id: string }[]>(
      `SELECT event_id FROM notifications WHERE organization_id = $1 AND type = ANY($2)`,
      [endpoint.organizationId, endpoint.eventTypes],
    );
    const deliveries = await dataSource.query<{ event_id: string; status: string }[]>(
      `SELECT event_id, status FROM webhook_deliveries WHERE endpoint_id = $1`,
      [endpoint.id],
    );
    expect(deliveries.map((d) => d.event_id).sort()).toEqual(wanted.map((w) => w.event_id).sort());
    expect(deliveries.filter((d) => d.status !== 'succeeded')).toEqual([]);

    const seen = new Map<string, number>();
    const bodies = new Map<string, Set<string>>();
    for (const r of receiver.on(endpoint.path)) {
      const id = String(r.headers['webhook-id']);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      bodies.set(id, (bodies.get(id) ?? new Set()).add(r.body));
    }
    // One delivery per (endpoint, event), always. But an HTTP attempt that reached the receiver
    // just before its worker was SIGKILLed (before the outcome was recorded) is attempted again:
    // no sender can know whether a request it never saw answered arrived. Such a repeat is the
    // same delivery, byte for byte, under the same webhook-id, which Standard Webhooks receivers
    // deduplicate on; it can only concern the attempts in flight at the kill.
    const repeated = [...seen.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    for (const id of repeated)
      expect({ id, bodies: bodies.get(id)!.size }).toEqual({ id, bodies: 1 });
    expect(repeated.length).toBeLessThanOrEqual(maxInterruptedAttempts);
    if (repeated.length > 0) {
      console.log(
        `[fault-checks] ${endpoint.path}: ${repeated.length} attempt(s) repeated after the kill, same webhook-id`,
      );
    }
    expect([...seen.keys()].sort()).toEqual(deliveries.map((d) => d.event_id).sort());
    total += deliveries.length;
  }
  return total;
}
