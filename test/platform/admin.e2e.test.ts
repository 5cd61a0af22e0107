import { Administrators } from '../../src/admin/administrators.service';
import { QUEUES } from '../../src/queue/job-catalog';
import { redisOptionsFromUrl } from '../../src/queue/redis-connection';
import { Queue } from 'bullmq';
import { registerAdministrator } from '../support/admin';
import { startApi, TestApi } from '../support/app';
import { registerParty } from '../support/factories';

describe('queue dashboard (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('api');
  });
  afterAll(() => api.close());

  it('opens /admin/queues to holders of the administrator role only', async () => {
    const admin = await registerAdministrator(api);
    const someone = await registerParty(api.http, { type: 'government' });

    await api.http.get('/admin/queues').expect(404);
    await api.http.get('/admin/queues').set(someone.auth).expect(404);
    await api.http.get('/admin/queues/api/queues').set(someone.auth).expect(404);
    await api.http
      .get('/admin/queues')
      .set('Authorization', 'Bearer forged.token.value')
      .expect(404);

    const page = await api.http.get(`/admin/queues?access_token=${admin.token}`).expect(200);
    expect(page.text).toContain('<html');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    const queues = await api.http.get('/admin/queues/api/queues').set(admin.auth).expect(200);
    const listed = queues.body.queues as { name: string; readOnlyMode: boolean }[];
    expect(listed.map((q) => q.name).sort()).toEqual([
      'channel-inbound',
      'channel-sms',
      'channel-whatsapp',
      'events',
      'maintenance',
      'market-events',
      'matching',
      'webhooks',
    ]);
    expect(listed.every((q) => q.readOnlyMode)).toBe(true);

    // Revoked: the same token opens nothing any more.
    await api.app
      .get(Administrators)
      .revoke(admin.user.id, { userId: null, label: 'command line (test)' }, { keepOne: false });
    await api.http.get('/admin/queues/api/queues').set(admin.auth).expect(404);
  });

  it('closes /admin/queues to an administrator token whose session was logged out', async () => {
    const admin = await registerAdministrator(api);
    await api.http.get('/admin/queues/api/queues').set(admin.auth).expect(200);
    await api.http.post('/api/v1/auth/logout').set(admin.auth).expect(204);
    await api.http.get('/admin/queues/api/queues').set(admin.auth).expect(404);
  });

  it('is read-only, even for an administrator: no pausing, cleaning or adding jobs', async () => {
    const admin = await registerAdministrator(api);
    for (const [method, path] of [
      ['put', '/admin/queues/api/queues/pause'],
      ['put', '/admin/queues/api/queues/matching/pause'],
      ['put', '/admin/queues/api/queues/matching/clean/completed'],
      ['post', '/admin/queues/api/queues/matching/add'],
    ] as const) {
      const res = await api.http[method](path).set(admin.auth).send({});
      expect(res.status).toBe(405);
    }
    const matching = new Queue(QUEUES.matching, {
      connection: redisOptionsFromUrl(process.env.REDIS_URL!),
      prefix: process.env.REDIS_PREFIX,
    });
    try {
      expect(await matching.isPaused()).toBe(false);
    } finally {
      await matching.close();
    }
  });
});
