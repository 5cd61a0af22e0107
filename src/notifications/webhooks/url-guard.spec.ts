import { createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  assertDeliverableUrl,
  ForbiddenUrlError,
  guardedLookup,
  isForbiddenAddress,
} from './url-guard';

describe('webhook URL guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '203.0.113.10', // documentation (TEST-NET-3): never a real receiver
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  // IPv6 forms that embed an IPv4 address (issue #9): each reaches 127.0.0.1 on some networks.
  it.each([
    ['IPv4-compatible', '::127.0.0.1'],
    ['IPv4-compatible, hex', '::7f00:1'],
    ['IPv4-mapped, hex', '::ffff:7f00:1'],
    ['IPv4-translated (SIIT)', '::ffff:0:7f00:1'],
    ['NAT64 well-known prefix', '64:ff9b::7f00:1'],
    ['NAT64 local-use prefix', '64:ff9b:1::7f00:1'],
    ['6to4 of 127.0.0.1', '2002:7f00:1::'],
    ['6to4 of 10.0.0.1', '2002:a00:1::1'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['site-local', 'fec0::1'],
    ['site-local, upper end', 'feff::1'],
    ['discard-only', '100::1'],
    ['documentation', '2001:db8::1'],
  ])('refuses the %s form %s', (_form, address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each([
    ['NAT64 of a public address', '64:ff9b::808:808'],
    ['6to4 of a public address', '2002:808:808::1'],
    ['IPv4-mapped public address', '::ffff:8.8.8.8'],
  ])('allows the %s %s', (_form, address) => expect(isForbiddenAddress(address)).toBe(false));

  it('refuses bracketed IPv6 literals that embed loopback when an endpoint is created', async () => {
    for (const host of [
      '[::127.0.0.1]',
      '[::ffff:0:7f00:1]',
      '[64:ff9b::7f00:1]',
      '[2002:7f00:1::]',
      '[fec0::1]',
    ])
      await expect(assertDeliverableUrl(`http://${host}:9000/hook`, false)).rejects.toThrow(
        /private or reserved/,
      );
  });

  describe('at connect time', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((_req, res) => res.writeHead(204).end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const post = (allowPrivate: boolean) =>
      new Promise<string>((resolve) => {
        const req = request(`http://localhost:${port}/`, {
          method: 'POST',
          lookup: guardedLookup(allowPrivate),
          family: 4,
        });
        req.on('response', (res) => resolve(`HTTP ${res.statusCode}`));
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        req.end();
      });

    it('refuses a host name that resolves to a forbidden address when connecting', async () => {
      expect(await post(false)).toBe('EFORBIDDEN');
      expect(await post(true)).toBe('HTTP 204');
    });
  });

  it.each(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888'])(
    'allows the public address %s',
    (address) => expect(isForbiddenAddress(address)).toBe(false),
  );

  it('refuses loopback and metadata URLs unless the operator allows private addresses', async () => {
    await expect(assertDeliverableUrl('http://127.0.0.1:9000/hook', false)).rejects.toThrow(
      ForbiddenUrlError,
    );
    await expect(
      assertDeliverableUrl('http://169.254.169.254/latest/meta-data', false),
    ).rejects.toThrow(/private or reserved/);
    await expect(assertDeliverableUrl('http://localhost/hook', false)).rejects.toThrow(
      ForbiddenUrlError,
    );
    await expect(assertDeliverableUrl('http://127.0.0.1:9000/hook', true)).resolves.toBeInstanceOf(
      URL,
    );
  });

  it('refuses other schemes and embedded credentials', async () => {
    await expect(assertDeliverableUrl('ftp://example.com/x', true)).rejects.toThrow(
      /http or https/,
    );
    await expect(assertDeliverableUrl('https://user:pw@example.com/x', true)).rejects.toThrow(
      /credentials/,
    );
  });

  // Embedded IPv4 addresses whose four bytes all differ, so that a byte read from the wrong
  // half of a word (or shifted the wrong way) would name another address.
  it.each([
    ['IPv4-mapped', '::ffff:102:304'],
    ['NAT64 well-known prefix', '64:ff9b::102:304'],
    ['6to4', '2002:102:304::1'],
    ['IPv4-translated (SIIT)', '::ffff:0:102:304'],
    ['global unicast IPv6', '2606:4700:4700::1111'],
  ])('allows the %s form of a public address: %s', (_form, address) =>
    expect(isForbiddenAddress(address)).toBe(false),
  );

  it.each([
    ['IPv4-mapped 192.168.1.2', '::ffff:c0a8:102'],
    ['NAT64 of 172.16.0.9', '64:ff9b::ac10:9'],
    ['6to4 of 192.168.1.2', '2002:c0a8:102::1'],
  ])('refuses the embedded private address %s (%s)', (_form, address) =>
    expect(isForbiddenAddress(address)).toBe(true),
  );

  it.each(['', 'localhost', '256.1.1.1', 'fe80::1%eth0x'])(
    'refuses %p, which is not an IP address',
    (address) => expect(isForbiddenAddress(address)).toBe(true),
  );

  it('says why a URL is refused, in words', async () => {
    await expect(assertDeliverableUrl('not a url', true)).rejects.toThrow(
      new ForbiddenUrlError('url is not a valid URL'),
    );
    await expect(assertDeliverableUrl('https://:secret@example.com/x', true)).rejects.toThrow(
      new ForbiddenUrlError('url must not carry credentials'),
    );
    await expect(assertDeliverableUrl('http://10.0.0.7/hook', false)).rejects.toThrow(
      new ForbiddenUrlError('url resolves to 10.0.0.7, a private or reserved address'),
    );
    await expect(assertDeliverableUrl('http://[::1]:8080/hook', false)).rejects.toThrow(
      new ForbiddenUrlError('url resolves to ::1, a private or reserved address'),
    );
    // A name is judged by what it resolves to, and named by that address.
    await expect(assertDeliverableUrl('http://localhost:8080/hook', false)).rejects.toThrow(
      /^url resolves to (127\.0\.0\.1|::1), a private or reserved address$/,
    );
    await expect(assertDeliverableUrl('http://nowhere.invalid/hook', false)).rejects.toThrow(
      new ForbiddenUrlError('url host nowhere.invalid does not resolve'),
    );
    await expect(assertDeliverableUrl('https://user@example.com/x', true)).rejects.toThrow(
      new ForbiddenUrlError('url must not carry credentials'),
    );
    await expect(assertDeliverableUrl('ftp://example.com/x', true)).rejects.toThrow(
      new ForbiddenUrlError('url must be http or https'),
    );
  });

  it('accepts a public address literal without resolving it, keeping the URL', async () => {
    const url = await assertDeliverableUrl('https://8.8.8.8:8443/hook?x=1', false);
    expect(url.href).toBe('https://8.8.8.8:8443/hook?x=1');
    const v6 = await assertDeliverableUrl('http://[2606:4700:4700::1111]/h', false);
    expect(v6.hostname).toBe('[2606:4700:4700::1111]');
  });
});
