import { startApi, withEnv } from '../support/app';
import { registerParty } from '../support/factories';

/*
 * Its own file: nestjs-pino builds one root logger per module registry (per test file), with the
 * level of the first app started, and this test needs it at info.
 */
describe('request logs (e2e)', () => {
  it('never writes a query-string token into a log line', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    const api = await withEnv({ LOG_LEVEL: 'info' }, () => startApi('api'));
    try {
      const party = await registerParty(api.http);
      await api.http.get(`/api/v1/me?access_token=${party.token}&ticket=secret-ticket-value`);
      await api.http.get('/api/v1/notifications?limit=5').set(party.auth).expect(200);
      const text = lines.join('');
      expect(text).toContain('/api/v1/me'); // the request was logged...
      expect(text).not.toContain(party.token); // ...but not its token
      expect(text).not.toContain('secret-ticket-value');
      expect(text).toContain('access_token=[REDACTED]');
    } finally {
      await api.close();
      write.mockRestore();
    }
  });
});
