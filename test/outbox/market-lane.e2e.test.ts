import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DomainEvents } from '../../src/events/domain-events';
import { OutboxWriter } from '../../src/outbox/outbox.writer';
import { QUEUES } from '../../src/queue/job-catalog';
import { startApi, TestApi, withEnv } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

const COMMODITY = 'bawang_merah';
/** Notification jobs queued ahead of the new request: a large run's worth of `match.*` events. */
const BACKLOG = 2000;

interface ProposalRow {
  id: string;
  supplier_organization_id: string;
  buyer_organization_id: string;
  commodity_code: string;
  created_at: Date;
}

/**
 * Issue #15 point 4: a new request's event travels in the market lane (`market-events`), so its
 * re-optimisation runs while thousands of notification jobs still wait in `events`. Asserted on
 * the order of things in PostgreSQL and on which queue holds which job, never on wall time.
 */
describe('market events first (e2e: API and worker in one process)', () => {
  let api: TestApi;
  let events: Queue;
  let marketEvents: Queue;
  let seller: Party;
  let buyer: Party;

  beforeAll(async () => {
    // No recovery sweep during the test: it re-optimises every open market each interval, and
    // would make the proposal appear whatever lane the request's event took.
    api = await withEnv({ RECOVERY_INTERVAL_MS: '3600000' }, () => startApi('all'));
    await clearMarket(api.dataSource);
    events = api.app.get<Queue>(getQueueToken(QUEUES.events));
    marketEvents = api.app.get<Queue>(getQueueToken(QUEUES.marketEvents));
    seller = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
  });
  afterAll(async () => {
    await api.close();
  });

  const proposalFor = async (requestId: string): Promise<ProposalRow | undefined> => {
    const [row] = await api.dataSource.query<ProposalRow[]>(
      `SELECT id, supplier_organization_id, buyer_organization_id, commodity_code, created_at
         FROM matches WHERE demand_request_id = $1 AND status = 'proposed'`,
      [requestId],
    );
    return row;
  };

  const postRequest = async (quantity: number): Promise<string> =>
    (
      await api.http
        .post('/api/v1/demand-requests')
        .set(buyer.auth)
        .send(aRequest({ commodityCode: COMMODITY, minGrade: 'I', quantity }))
        .expect(201)
    ).body.id as string;

  it("re-optimises a new request's market while thousands of notification jobs are still queued", async () => {
    await api.http
      .post('/api/v1/supply-listings')
      .set(seller.auth)
      .send(aListing({ commodityCode: COMMODITY, grade: 'I', quantity: 8000, pricePerUnit: 28000 }))
      .expect(201);
    const first = await postRequest(1000);
    const proposal = await waitFor(() => proposalFor(first), {
      timeoutMs: 60_000,
      what: 'the first proposal',
    });

    // A backlog of notification work for a real proposal (each job reads the match, writes inbox
    // rows, looks up watchlists): the fan-out of a run that proposed thousands of pairs.
    const parties = {
      id: proposal.id,
      commodityCode: proposal.commodity_code,
      supplierOrganizationId: proposal.supplier_organization_id,
      buyerOrganizationId: proposal.buyer_organization_id,
    };
    const backlogIds = await api.dataSource.transaction((manager) =>
      api.app.get(OutboxWriter).append(
        manager,
        Array.from({ length: BACKLOG }, () => DomainEvents.matchProposed(parties)),
      ),
    );
    await waitFor(
      async () => {
        const [{ unpublished }] = await api.dataSource.query<{ unpublished: number }[]>(
          `SELECT count(*)::int AS unpublished FROM outbox_events
            WHERE id = ANY($1) AND published_at IS NULL`,
          [backlogIds],
        );
        return unpublished === 0;
      },
      { timeoutMs: 60_000, what: 'the backlog to be relayed' },
    );

    const second = await postRequest(1200);
    // Long enough for the whole backlog to drain first: in one FIFO queue the proposal does come,
    // late, and the order below is what fails.
    const secondProposal = await waitFor(() => proposalFor(second), {
      timeoutMs: 300_000,
      what: "the new request's proposal",
    });

    // Its run started while most of the backlog was still waiting (matches.created_at is the
    // run's transaction start). In one FIFO queue it could only start after the whole backlog.
    const [{ before }] = await api.dataSource.query<{ before: number }[]>(
      `SELECT count(*)::int AS before FROM outbox_events
        WHERE id = ANY($1) AND processed_at IS NOT NULL AND processed_at <= $2`,
      [backlogIds, secondProposal.created_at],
    );
    expect(before).toBeLessThan(BACKLOG / 2);

    // The request's event went to the market lane, not behind the backlog in `events`.
    const [created] = await api.dataSource.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE type = 'demand_request.created' AND aggregate_id = $1`,
      [second],
    );
    expect(await marketEvents.getJob(`event-${created.id}`)).toBeDefined();
    expect(await events.getJob(`event-${created.id}`)).toBeUndefined();

    // And the backlog is not starved either: it drains, and the buyer reads the new proposal.
    await waitFor(
      async () => {
        // Newest first: it comes after the backlog (at most a few of the concurrent jobs later).
        const items = (
          await api.http.get('/api/v1/notifications?limit=100').set(buyer.auth).expect(200)
        ).body.items as { type: string; data: { match?: { id: string } } }[];
        return items.some(
          (n) => n.type === 'match.proposed' && n.data.match?.id === secondProposal.id,
        );
      },
      // A loaded 2-core machine drained the backlog in 1-4 minutes.
      {
        timeoutMs: 420_000,
        intervalMs: 1000,
        what: "the buyer's notification of the new proposal",
      },
    );
  }, 900_000);
});
