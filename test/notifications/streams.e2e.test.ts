import { JwtService } from '@nestjs/jwt';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, TestApi, withEnv } from '../support/app';
import { Party, registerParty } from '../support/factories';
import { waitFor } from '../support/wait';

/** Issue #9: one user opened 8,000 live streams, and a stream outlived its token. */
describe('live streams (e2e)', () => {
  let api: TestApi;
  let base: string;
  let user: Party;

  beforeAll(async () => {
    api = await withEnv({ STREAMS_PER_USER: '3' }, () => startApi('api'));
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    user = await registerParty(api.http, { type: 'trader' });
  });
  afterAll(() => api.close());

  /** Opens a stream; resolves with its status once the headers arrive, and tracks its end. */
  const open = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string; ended: () => boolean; close: () => void }>(
      (resolve) => {
        let ended = false;
        let body = '';
        const req = request(
          `${base}${path}`,
          { headers: { accept: 'text/event-stream', ...headers } },
          (res) => {
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => (ended = true));
            res.on('close', () => (ended = true));
            resolve({
              status: res.statusCode ?? 0,
              get body() {
                return body;
              },
              ended: () => ended,
              close: () => req.destroy(),
            });
          },
        );
        req.on('error', () => (ended = true));
        req.end();
      },
    );

  it('refuses a stream beyond the per-user cap with 429 naming it; a closed one frees its place', async () => {
    const streams = [];
    for (let i = 0; i < 3; i++) {
      const s = await open('/api/v1/notifications/stream', user.auth);
      expect(s.status).toBe(200);
      streams.push(s);
    }
    const refused = await open('/api/v1/notifications/stream', user.auth);
    expect(refused.status).toBe(429);
    await waitFor(() => refused.ended());
    expect(refused.body).toContain('STREAMS_PER_USER');
    streams[0].close();
    const again = await waitFor(
      async () => {
        const s = await open('/api/v1/notifications/stream', user.auth);
        if (s.status === 200) return s;
        s.close();
        return undefined;
      },
      { what: 'a freed stream place' },
    );
    for (const s of [...streams, again]) s.close();
  });

  it('ends a stream when its token expires', async () => {
    const other = await registerParty(api.http, { type: 'trader' });
    const jwt = api.app.get(JwtService);
    // A token of the user's live session that expires in 2 s (the app's own are 15 minutes).
    const { sid } = jwt.decode<{ sid: string }>(other.token);
    const shortLived = await jwt.signAsync({ sub: other.user.id, sid }, { expiresIn: 2 });
    const stream = await open('/api/v1/notifications/stream', {
      Authorization: `Bearer ${shortLived}`,
    });
    expect(stream.status).toBe(200);
    await waitFor(() => stream.ended(), { timeoutMs: 10_000, what: 'the stream to end' });
    stream.close();
  });

  it('opens a stream with a single-use ticket instead of a token in the URL', async () => {
    const other = await registerParty(api.http, { type: 'trader' });
    const issued = await api.http
      .post('/api/v1/notifications/stream-ticket')
      .set(other.auth)
      .expect(201);
    expect(issued.body).toEqual({ ticket: expect.any(String), expiresAt: expect.any(String) });
    expect(issued.body.ticket).not.toContain(other.token);
    const stream = await open(`/api/v1/notifications/stream?ticket=${issued.body.ticket}`);
    expect(stream.status).toBe(200);
    const reused = await open(`/api/v1/notifications/stream?ticket=${issued.body.ticket}`);
    expect(reused.status).toBe(401);
    const forged = await open('/api/v1/notifications/stream?ticket=not-a-ticket');
    expect(forged.status).toBe(401);
    // Existing clients keep working with ?access_token=.
    const legacy = await open(`/api/v1/notifications/stream?access_token=${other.token}`);
    expect(legacy.status).toBe(200);
    for (const s of [stream, reused, forged, legacy]) s.close();
  });
});
