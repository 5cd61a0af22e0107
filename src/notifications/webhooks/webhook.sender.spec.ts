import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedLookup } from './url-guard';
import { sendWebhook } from './webhook.sender';

/**
 * The connect-time half of the SSRF guard: a URL that passed the creation check may later
 * resolve to a private address (DNS rebinding). `localhost` stands in for such a name: it
 * resolves to a loopback address only when the connection is made.
 */
describe('sendWebhook connect-time address guard', () => {
  let server: Server;
  let port: number;
  const received: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push(req);
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (received.length = 0));

  it('refuses to connect to a name that resolves to 127.0.0.1 when private addresses are not allowed', async () => {
    const result = await sendWebhook(`http://localhost:${port}/hook`, {}, '{"a":1}', {
      timeoutMs: 2000,
      connectTimeoutMs: 1000,
      allowPrivate: false,
    });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/^refused to connect to (127\.0\.0\.1|::1)$/);
    expect(received).toHaveLength(0);
  });

  it('delivers to the same name when the operator allows private addresses', async () => {
    const result = await sendWebhook(
      `http://localhost:${port}/hook`,
      { 'webhook-id': 'msg_1' },
      '{"a":1}',
      { timeoutMs: 2000, connectTimeoutMs: 1000, allowPrivate: true },
    );
    expect(result).toMatchObject({ statusCode: 204, error: null });
    expect(received).toHaveLength(1);
    expect(received[0].method).toBe('POST');
    expect(received[0].headers['webhook-id']).toBe('msg_1');
    expect(received[0].headers['content-type']).toBe('application/json');
  });
});

describe('guardedLookup', () => {
  const lookup = (allowPrivate: boolean, hostname: string, options: object) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>(
      (resolve) =>
        guardedLookup(allowPrivate)(hostname, options, (error, address, family) =>
          resolve({ error, address, family }),
        ),
    );

  it('fails with EFORBIDDEN and no address for a loopback name', async () => {
    const { error, address } = await lookup(false, 'localhost', {});
    expect(error?.code).toBe('EFORBIDDEN');
    expect(error?.message).toMatch(/refused to connect to/);
    expect(address).toEqual([]);
  });

  it('answers in the shape the caller asked for when allowed', async () => {
    const one = await lookup(true, 'localhost', { family: 4 });
    expect(one).toEqual({ error: null, address: '127.0.0.1', family: 4 });
    const all = await lookup(true, 'localhost', { family: 4, all: true });
    expect(all.error).toBeNull();
    expect(all.address).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('passes resolution errors through', async () => {
    const { error, address } = await lookup(false, 'no-such-host.invalid', {});
    expect(error?.code).toBe('ENOTFOUND');
    expect(address).toEqual([]);
  });
});

describe('sendWebhook: one POST, no redirects, two clocks', () => {
  let server: Server;
  let port: number;
  const bodies: string[] = [];
  const lengths: (string | undefined)[] = [];
  const requests: { method?: string; headers: Record<string, unknown> }[] = [];
  /** What the receiver does, per path. */
  const behaviour: Record<string, (res: import('node:http').ServerResponse) => void> = {
    '/ok': (res) => res.writeHead(204).end(),
    '/moved': (res) => res.writeHead(302, { location: '/ok' }).end(),
    '/slow': (res) => void setTimeout(() => res.writeHead(200).end('fine'), 1500),
    '/hang': () => undefined,
    // Headers and part of the body, then the connection drops.
    '/cut': (res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => res.socket?.destroy());
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        bodies.push(body);
        lengths.push(req.headers['content-length']);
        requests.push({ method: req.method, headers: req.headers });
        behaviour[req.url ?? '/ok'](res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    bodies.length = 0;
    lengths.length = 0;
    requests.length = 0;
  });

  // Generous clocks unless a test is about one: a loaded machine must not turn a slow connect
  // into a failure the test did not mean to provoke.
  const send = (path: string, timeoutMs = 10_000, connectTimeoutMs = 5000) =>
    sendWebhook(`http://127.0.0.1:${port}${path}`, {}, '{"catatan":"cabai — Malang"}', {
      timeoutMs,
      connectTimeoutMs,
      allowPrivate: true,
    });

  it('sends the body once, its length in bytes (not characters), and reports the status', async () => {
    const result = await send('/ok');
    expect(result).toMatchObject({ statusCode: 204, error: null, timedOut: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(bodies).toEqual(['{"catatan":"cabai — Malang"}']);
    expect(lengths).toEqual([String(Buffer.byteLength('{"catatan":"cabai — Malang"}'))]);
  });

  it("POSTs JSON with the caller's headers (the signature) and times the whole exchange", async () => {
    const before = performance.now();
    const result = await sendWebhook(
      `http://127.0.0.1:${port}/ok`,
      { 'webhook-id': 'evt-1', 'webhook-signature': 'v1,abc' },
      '{}',
      { timeoutMs: 3000, connectTimeoutMs: 1000, allowPrivate: true },
    );
    const took = performance.now() - before;
    expect(result).toMatchObject({ statusCode: 204, error: null, timedOut: false });
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'evt-1',
      'webhook-signature': 'v1,abc',
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThanOrEqual(Math.ceil(took));
  });

  it('reports a response cut off mid-body as an error with the status it had', async () => {
    const result = await send('/cut');
    expect(result.statusCode).toBe(200);
    expect(result.error).toEqual(expect.any(String));
    expect(result.timedOut).toBe(false);
  });

  it('speaks TLS to an https URL: a plain-HTTP receiver fails the handshake, nothing is posted', async () => {
    const result = await sendWebhook(`https://127.0.0.1:${port}/ok`, {}, '{}', {
      timeoutMs: 3000,
      connectTimeoutMs: 1000,
      allowPrivate: true,
    });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/SSL|TLS|EPROTO|wrong version|packet length|socket hang up/i);
    expect(result.timedOut).toBe(false);
    expect(bodies).toEqual([]);
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const result = await send('/moved');
    expect(result).toMatchObject({ statusCode: 302, error: null, timedOut: false });
    expect(bodies).toHaveLength(1);
  });

  it('an answer slower than the connect timeout still counts once connected', async () => {
    const result = await send('/slow', 10_000, 1000);
    expect(result).toMatchObject({ statusCode: 200, error: null, timedOut: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(1400);
  });

  it('a request on a reused keep-alive connection is not held to the connect clock', async () => {
    // A pooled socket is connected already and never emits 'connect' again: the connect clock
    // must stop at once, or a slow answer on a warm connection would count as unreachable.
    let connections = 0;
    const count = () => connections++;
    server.on('connection', count);
    try {
      expect(await send('/ok')).toMatchObject({ statusCode: 204, timedOut: false });
      const opened = connections;
      const result = await send('/slow', 10_000, 1000);
      expect(result).toMatchObject({ statusCode: 200, error: null, timedOut: false });
      expect(connections).toBe(opened); // the second request went over the same socket
    } finally {
      server.off('connection', count);
    }
  });

  /** A receiver of its own: a new port, so the request opens a new connection (none pooled). */
  const freshReceiver = async (answer: (res: import('node:http').ServerResponse) => void) => {
    const fresh = createServer((req, res) => {
      req.resume();
      req.on('end', () => answer(res));
    });
    let connections = 0;
    fresh.on('connection', () => connections++);
    await new Promise<void>((resolve) => fresh.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(fresh.address() as AddressInfo).port}/`,
      connections: () => connections,
      close: () => {
        fresh.closeAllConnections();
        return new Promise<void>((resolve) => fresh.close(() => resolve()));
      },
    };
  };

  it('a slow answer on a new connection counts once connected: the connect clock stops', async () => {
    const receiver = await freshReceiver(
      (res) => void setTimeout(() => res.writeHead(200).end('fine'), 1500),
    );
    try {
      const result = await sendWebhook(receiver.url, {}, '{}', {
        timeoutMs: 10_000,
        connectTimeoutMs: 1000,
        allowPrivate: true,
      });
      expect(result).toMatchObject({ statusCode: 200, error: null, timedOut: false });
      expect(receiver.connections()).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a connection not made within the connect timeout, as a timeout', async () => {
    // Loopback connects at once, so the test holds the event loop instead: the handshake's
    // completion is only seen in the next I/O poll, and the connect clock, due by then, runs
    // first (timers before poll). Started from setImmediate so no poll comes in between.
    const receiver = await freshReceiver((res) => res.writeHead(204).end());
    try {
      const result = await new Promise<Awaited<ReturnType<typeof sendWebhook>>>((resolve) =>
        setImmediate(() => {
          const sent = sendWebhook(receiver.url, {}, '{}', {
            timeoutMs: 10_000,
            connectTimeoutMs: 1,
            allowPrivate: true,
          });
          const until = performance.now() + 50;
          while (performance.now() < until); // the process is busy: nothing else runs
          resolve(sent);
        }),
      );
      expect(result).toMatchObject({
        statusCode: null,
        error: 'no connection within 1 ms',
        timedOut: true,
      });
    } finally {
      await receiver.close();
    }
  });

  it('gives up at the deadline on a receiver that never answers, as a timeout', async () => {
    const result = await send('/hang', 500, 10_000);
    expect(result).toMatchObject({
      statusCode: null,
      error: 'timed out after 500 ms',
      timedOut: true,
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(450);
  });

  it('reports a refused connection as an error, not a timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await sendWebhook(`http://127.0.0.1:${closedPort}/x`, {}, '{}', {
      timeoutMs: 2000,
      connectTimeoutMs: 1000,
      allowPrivate: true,
    });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(result.timedOut).toBe(false);
  });
});
