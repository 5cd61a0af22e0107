import { startApi, TestApi, withEnv } from '../support/app';
import { aListing, aRegistration, registerParty } from '../support/factories';

describe('abuse limits and headers (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await withEnv(
      {
        RATE_LIMIT_AUTH_PER_MINUTE: '5',
        RATE_LIMIT_WRITES_PER_MINUTE: '3',
        LOGIN_FAILURES_PER_15_MINUTES: '3',
        CORS_ORIGINS: 'https://app.jembatan.id',
        REDIS_PREFIX: `jembatan-test-limits-${Date.now()}`,
      },
      () => startApi('api'),
    );
  });
  afterAll(() => api.close());

  it('limits writes per user with 429 and Retry-After, changing nothing', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    for (let i = 0; i < 3; i++)
      await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201);
    const limited = await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing());
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM supply_listings WHERE organization_id = $1`,
      [coop.organization.id],
    );
    expect(n).toBe(3);
    await api.http.get('/api/v1/supply-listings').set(coop.auth).expect(200); // reads are not writes
  });

  it('locks an email after repeated wrong passwords, even with the right one', async () => {
    const reg = aRegistration({ type: 'trader' });
    await api.http.post('/api/v1/auth/register').send(reg).expect(201);
    for (let i = 0; i < 3; i++) {
      await api.http
        .post('/api/v1/auth/login')
        .send({ email: reg.user.email, password: 'wrong password!' })
        .expect(401);
    }
    const locked = await api.http
      .post('/api/v1/auth/login')
      .send({ email: reg.user.email, password: reg.user.password });
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
  });

  it('limits registrations and logins per address, each route with its own budget', async () => {
    // Its own app and key space, so that the other tests' auth calls do not use up the budget.
    const fresh = await withEnv(
      { RATE_LIMIT_AUTH_PER_MINUTE: '2', REDIS_PREFIX: `jembatan-test-limits-auth-${Date.now()}` },
      () => startApi('api'),
    );
    try {
      const first = aRegistration();
      await fresh.http.post('/api/v1/auth/register').send(first).expect(201);
      await fresh.http.post('/api/v1/auth/register').send(aRegistration()).expect(201);
      // Two registrations spent the register budget: a third is refused and creates nobody.
      const late = aRegistration();
      const register = await fresh.http.post('/api/v1/auth/register').send(late);
      expect(register.status).toBe(429);
      expect(register.body.code).toBe('RATE_LIMITED');
      const [{ n }] = await fresh.dataSource.query(
        `SELECT count(*)::int AS n FROM users WHERE email = $1`,
        [late.user.email],
      );
      expect(n).toBe(0);
      // Logins have a budget of their own: two pass, the third is refused even with the right
      // password.
      const credentials = { email: first.user.email, password: first.user.password };
      await fresh.http.post('/api/v1/auth/login').send(credentials).expect(200);
      await fresh.http.post('/api/v1/auth/login').send(credentials).expect(200);
      const login = await fresh.http.post('/api/v1/auth/login').send(credentials);
      expect(login.status).toBe(429);
      expect(login.body.code).toBe('RATE_LIMITED');
    } finally {
      await fresh.close();
    }
  });

  it('sends security headers and answers CORS only for configured origins', async () => {
    const res = await api.http
      .get('/health/live')
      .set('Origin', 'https://app.jembatan.id')
      .expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBe('https://app.jembatan.id');
    const foreign = await api.http
      .get('/health/live')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
