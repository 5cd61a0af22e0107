import { startApi, TestApi, withEnv } from '../support/app';
import { aRegistration, registerParty } from '../support/factories';

describe('queue dashboard (e2e)', () => {
  let api: TestApi;
  const admin = aRegistration({ type: 'government' });

  beforeAll(async () => {
    api = await withEnv({ ADMIN_EMAILS: admin.user.email }, () => startApi('api'));
  });
  afterAll(() => api.close());

  it('opens /admin/queues to platform administrators only', async () => {
    const token = (await api.http.post('/api/v1/auth/register').send(admin).expect(201)).body
      .accessToken as string;
    const someone = await registerParty(api.http, { type: 'trader' });

    await api.http.get('/admin/queues').expect(404);
    await api.http.get('/admin/queues').set(someone.auth).expect(404);
    await api.http
      .get('/admin/queues')
      .set('Authorization', 'Bearer forged.token.value')
      .expect(404);

    const page = await api.http.get(`/admin/queues?access_token=${token}`).expect(200);
    expect(page.text).toContain('<html');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    const queues = await api.http
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['events', 'maintenance', 'matching', 'webhooks']);
  });
});
