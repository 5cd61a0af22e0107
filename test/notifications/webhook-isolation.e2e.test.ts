import { NotificationWriter } from '../../src/notifications/inbox/notification.writer';
import { startApi, TestApi, withEnv } from '../support/app';
import { Party, registerParty } from '../support/factories';
import { waitFor } from '../support/wait';
import { Tarpit, WebhookReceiver } from '../support/webhook-receiver';

/**
 * Issue #9 point 4: 100 endpoints of one organization pointing at a server that accepts
 * connections and never answers moved another organization's first attempt from 0.5 s to 88 s.
 */
/** A hanging delivery's timeout: the victim's bound. */
const HANG_TIMEOUT_MS = 15_000;

describe('webhook tenant isolation (e2e)', () => {
  let api: TestApi;
  let tarpit: Tarpit;
  let receiver: WebhookReceiver;
  let writer: NotificationWriter;

  beforeAll(async () => {
    tarpit = await new Tarpit().start();
    receiver = await new WebhookReceiver().start();
    api = await withEnv(
      {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_ENDPOINTS_PER_ORGANIZATION: '100',
        // Long enough that waiting behind one hanging delivery (at least this) cannot be confused
        // with a loaded machine's latency (up to 8 s seen with two cores shared by other work).
        WEBHOOK_TIMEOUT_MS: String(HANG_TIMEOUT_MS),
        WEBHOOK_CONNECT_TIMEOUT_MS: '1000',
        WEBHOOK_CIRCUIT_COOLDOWN_MS: '60000',
      },
      () => startApi('all'),
    );
    writer = api.app.get(NotificationWriter);
  });
  afterAll(async () => {
    // The tarpit first: its hanging connections then fail at once, where the app's shutdown would
    // wait for each delivery in flight to time out (HANG_TIMEOUT_MS).
    await tarpit.stop();
    await api.close();
    await receiver.stop();
  });

  const addEndpoint = (party: Party, url: string) =>
    api.http
      .post('/api/v1/webhooks')
      .set(party.auth)
      .send({ url, eventTypes: ['match.proposed'] })
      .expect(201);

  it("never makes another organization's first attempt wait for a hanging delivery while 100 endpoints hang", async () => {
    const attacker = await registerParty(api.http, { type: 'trader' });
    const victim = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    for (let i = 0; i < 100; i++) await addEndpoint(attacker, `${tarpit.url}/hang-${i}`);
    await addEndpoint(victim, receiver.script('/victim', [204]));

    // Three events to the attacker: 300 deliveries that hang.
    for (let i = 0; i < 3; i++)
      await writer.deliver(`tarpit-${i}-${attacker.organization.id}`, 'match.proposed', [
        { organizationId: attacker.organization.id, data: { n: i } },
      ]);
    // Which of the 100 endpoints gets the attacker's few slots first is the queue's choice: wait
    // until any of them hangs a connection.
    const hanging = () =>
      Array.from({ length: 100 }, (_, i) => tarpit.connections(`/hang-${i}`)).reduce(
        (a, b) => a + b,
      );
    await waitFor(() => hanging() > 0, { what: 'the tarpit to be hit' });

    const sentAt = new Map<number, number>();
    for (let i = 0; i < 20; i++) {
      sentAt.set(i, Date.now());
      await writer.deliver(`victim-${i}-${victim.organization.id}`, 'match.proposed', [
        { organizationId: victim.organization.id, data: { n: i } },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 100)); // a steady trickle of events
    }
    const arrivals = await waitFor(
      () => {
        const got = receiver.on('/victim');
        return got.length >= 20 ? got : undefined;
      },
      { timeoutMs: 30_000, what: "the victim's 20 webhooks" },
    );
    const latencies = arrivals
      .map((r) => {
        const { data } = JSON.parse(r.body) as { data: { n: number } };
        return r.at - sentAt.get(data.n)!;
      })
      .sort((a, b) => a - b);
    const p99 = latencies[Math.ceil(0.99 * latencies.length) - 1];
    process.stderr.write(`victim first-attempt latencies (ms): ${latencies.join(' ')}\n`);
    // Queued behind the attacker, the victim would wait for at least one hanging delivery to
    // time out (WEBHOOK_TIMEOUT_MS; 88 s before the fix). The bound is that timeout, not a
    // wall-clock target: test files share 2 cores, and latency targets belong to bench:flow.
    expect(p99).toBeLessThan(HANG_TIMEOUT_MS);
    // The hanging tenant held at most its own slots at any time.
    expect(hanging()).toBeLessThan(300);
  });
});

describe('webhook circuit breaker (e2e)', () => {
  let api: TestApi;
  let tarpit: Tarpit;

  beforeAll(async () => {
    tarpit = await new Tarpit().start();
    api = await withEnv(
      {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        // The tarpit accepts and never answers: each attempt must connect, then time out. A
        // 100 ms connect timeout failed an attempt before it reached the tarpit on a loaded
        // machine (1 connection where the breaker's 2 were expected).
        WEBHOOK_TIMEOUT_MS: '600',
        WEBHOOK_CONNECT_TIMEOUT_MS: '500',
        WEBHOOK_RETRY_UNIT_MS: '10',
        WEBHOOK_CIRCUIT_FAILURES: '2',
        WEBHOOK_CIRCUIT_COOLDOWN_MS: '3000',
        WEBHOOK_CONCURRENCY_PER_ENDPOINT: '1',
      },
      () => startApi('all'),
    );
  });
  afterAll(async () => {
    await tarpit.stop();
    await api.close();
  });

  it('pauses an endpoint whose attempts keep timing out, then lets one probe through after the cool-down', async () => {
    const party = await registerParty(api.http, { type: 'trader' });
    const hook = (
      await api.http
        .post('/api/v1/webhooks')
        .set(party.auth)
        .send({ url: `${tarpit.url}/slow`, eventTypes: ['match.proposed'] })
        .expect(201)
    ).body as { id: string };
    const writer = api.app.get(NotificationWriter);
    for (let i = 0; i < 4; i++)
      await writer.deliver(`breaker-${i}-${party.organization.id}`, 'match.proposed', [
        { organizationId: party.organization.id, data: { n: i } },
      ]);
    type Attempt = { at: string; error: string | null };
    const attempts = async () =>
      (
        (await api.http.get(`/api/v1/webhooks/${hook.id}/deliveries`).set(party.auth).expect(200))
          .body.items as { log: Attempt[] }[]
      )
        .flatMap((d) => d.log)
        .sort((a, b) => a.at.localeCompare(b.at));
    const isPaused = (a: Attempt) => /circuit open/.test(a.error ?? '');
    // Two attempts in a row time out, attempts then fail without touching the network, and once
    // the cool-down has passed one probe goes out again. The probe comes with a delivery's next
    // scheduled retry (attempt 5 is due about 6 s after attempt 4 at this retry unit), and on a
    // loaded machine it may itself fail to connect: wait for it in the delivery log, which
    // records it either way, rather than in the tarpit, which only sees it when it connects.
    const log = await waitFor(
      async () => {
        const all = await attempts();
        return all.filter((a) => !isPaused(a)).length >= 3 ? all : undefined;
      },
      { timeoutMs: 30_000, what: 'a probe after the cool-down' },
    );
    const network = log.filter((a) => !isPaused(a));
    const [, opened, probe] = network;
    const pausedBeforeProbe = log.filter((a) => isPaused(a) && a.at < probe.at);
    expect(network.map((a) => a.error)).toEqual(
      network.map(() => expect.stringMatching(/no connection within|timed out after/)),
    );
    // How many attempts fall in the cool-down depends on the retry schedule and the machine's
    // load (3 or more alone, 2 in a loaded CI run): at least one, and none touched the network.
    expect(pausedBeforeProbe.length).toBeGreaterThanOrEqual(1);
    // The probe left no earlier than the cool-down after the circuit opened (both are recorded
    // when their attempt ended; the probe's own timeout is at least 500 ms more). Without the
    // cool-down the probe follows the opening at once.
    expect(Date.parse(probe.at) - Date.parse(opened.at)).toBeGreaterThanOrEqual(3000);
    // Paused attempts never connected: the tarpit saw at most the network attempts.
    expect(tarpit.connections('/slow')).toBeLessThanOrEqual(network.length);
  });
});
