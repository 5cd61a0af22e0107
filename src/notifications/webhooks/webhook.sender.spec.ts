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
