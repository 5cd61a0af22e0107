import { assertDeliverableUrl, ForbiddenUrlError, isForbiddenAddress } from './url-guard';

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
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['8.8.8.8', '203.0.113.10', '2001:4860:4860::8888'])(
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
});
