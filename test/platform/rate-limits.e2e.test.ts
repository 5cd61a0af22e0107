import { passwords } from '../../src/accounts/auth/password-hashing';
import { startApi, TestApi, withEnv } from '../support/app';
import { clearRedisPrefix } from '../support/environment';
import { aListing, aRegistration, registerParty } from '../support/factories';

/** Issue #9 point 5: limits keyed by the matched route, costly reads limited, lockout atomic. */
describe('rate limits that cannot be sidestepped (e2e)', () => {
  describe('per route', () => {
    let api: TestApi;
    const prefix = `jembatan-test-routes-${Date.now()}`;

    beforeAll(async () => {
      api = await withEnv(
        {
          RATE_LIMIT_AUTH_PER_MINUTE: '5',
          RATE_LIMIT_COSTLY_READS_PER_MINUTE: '3',
          REDIS_PREFIX: prefix,
        },
        () => startApi('api'),
      );
    });
    afterAll(() => api.close());
    // Every test starts with fresh counters (all requests come from 127.0.0.1).
    beforeEach(() => clearRedisPrefix(process.env.REDIS_URL!, `${prefix}-rate`));

    // The limit must come from the route, not from how the path is spelled.
    it.each([
      ['a trailing slash', '/api/v1/auth/login/'],
      ['a change of case', '/api/v1/Auth/Login'],
      ['case and slash together', '/API/V1/AUTH/LOGIN/'],
    ])('counts logins spelled with %s as /auth/login', async (_what, path) => {
      const statuses: number[] = [];
      for (let i = 0; i < 40 && !statuses.includes(429); i++) {
        const spelled = i % 2 === 0 ? path : '/api/v1/auth/login';
        const res = await api.http
          .post(spelled)
          .send({ email: `nobody-${i}@example.id`, password: 'wrong password!' });
        statuses.push(res.status);
      }
      expect(statuses).toContain(401); // the spelling reached the login route...
      expect(statuses.indexOf(429)).toBe(5); // ...and the sixth try met the limit
    });

    it('limits a costly read (why-not candidates) per user and route', async () => {
      const coop = await registerParty(api.http, { type: 'cooperative' });
      const listing = (
        await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201)
      ).body as { id: string };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const path = `/api/v1/supply-listings/${listing.id}/candidates${i % 2 ? '/' : ''}`;
        statuses.push((await api.http.get(path).set(coop.auth)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Another route has its own budget.
      await api.http.get('/api/v1/demand-requests').set(coop.auth).expect(200);
    });

    it('limits list and search reads', async () => {
      const trader = await registerParty(api.http, { type: 'trader' });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await api.http.get('/api/v1/supply-listings?limit=5').set(trader.auth)).status,
        );
      expect(statuses).toEqual([200, 200, 200, 429]);
    });
  });

  describe('login lockout', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await withEnv(
        {
          LOGIN_FAILURES_PER_15_MINUTES: '10',
          RATE_LIMIT_AUTH_PER_MINUTE: '1000', // only the per-email lockout may hold here
          REDIS_PREFIX: `jembatan-test-lockout-${Date.now()}`,
        },
        () => startApi('api'),
      );
    });
    afterAll(() => api.close());

    it('checks at most the configured number of guesses under 200 parallel wrong passwords', async () => {
      const reg = aRegistration({ type: 'trader' });
      await api.http.post('/api/v1/auth/register').send(reg).expect(201);
      // The app reads `passwords.verify` on each call, so the spy counts every password checked.
      const verify = jest.spyOn(passwords, 'verify');
      try {
        const statuses = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            api.http
              .post('/api/v1/auth/login')
              .send({ email: reg.user.email, password: `guess number ${i}` })
              .then((r) => r.status),
          ),
        );
        expect(statuses.filter((s) => s === 401)).toHaveLength(10);
        expect(statuses.filter((s) => s === 429)).toHaveLength(190);
        // At least one check proves the spy sees the app's calls; more than ten would be a leak.
        expect(verify.mock.calls.length).toBeGreaterThan(0);
        expect(verify.mock.calls.length).toBeLessThanOrEqual(10);
      } finally {
        verify.mockRestore();
      }
      // Locked: even the right password is not checked now.
      await api.http
        .post('/api/v1/auth/login')
        .send({ email: reg.user.email, password: reg.user.password })
        .expect(429);
    });

    it('does not count a successful login against the email', async () => {
      const reg = aRegistration({ type: 'trader' });
      await api.http.post('/api/v1/auth/register').send(reg).expect(201);
      for (let i = 0; i < 15; i++)
        await api.http
          .post('/api/v1/auth/login')
          .send({ email: reg.user.email, password: reg.user.password })
          .expect(200);
    });
  });
});
