import { startApi, TestApi } from '../support/app';
import { aRegistration, registerParty, verifyEmail } from '../support/factories';
import { openStream } from '../support/sse';

/** The cookies a Set-Cookie answer sets, by name, with their attributes. */
function setCookies(header: string[] | string | undefined): Map<string, string> {
  const list = Array.isArray(header) ? header : header ? [header] : [];
  return new Map(list.map((c) => [c.slice(0, c.indexOf('=')), c]));
}
const value = (cookie: string | undefined) => cookie?.split(';')[0]?.split('=')[1] ?? '';

describe('the console signs in with a cookie session; API clients keep bearer tokens', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  async function browserLogin() {
    const registration = aRegistration({ type: 'cooperative' });
    await api.http.post('/api/v1/auth/register').send(registration).expect(201);
    await verifyEmail(api.http, registration.user.email);
    const res = await api.http
      .post('/api/v1/auth/session')
      .send({ email: registration.user.email, password: registration.user.password })
      .expect(200);
    const cookies = setCookies(res.headers['set-cookie']);
    const session = cookies.get('jembatan_session');
    const csrf = cookies.get('jembatan_csrf');
    return {
      res,
      session,
      csrf,
      cookie: `jembatan_session=${value(session)}; jembatan_csrf=${value(csrf)}`,
      csrfToken: value(csrf),
    };
  }

  it('keeps the credential in an httpOnly, Secure, SameSite cookie and out of the body', async () => {
    const { res, session, csrf } = await browserLogin();
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(res.body.user.email).toMatch(/@example\.id$/);
    expect(JSON.stringify(res.body)).not.toMatch(/accessToken|refreshToken|jembatan_session/);
  });

  it('reads with the cookie alone and refuses a write without the CSRF token, changing nothing', async () => {
    const browser = await browserLogin();
    const me = await api.http.get('/api/v1/me').set('Cookie', browser.cookie).expect(200);
    expect(me.body.organization.type).toBe('cooperative');

    const refused = await api.http
      .patch('/api/v1/organizations/me')
      .set('Cookie', browser.cookie)
      .send({ contactName: 'Forged by another site' })
      .expect(403);
    expect(refused.body.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await api.http
      .patch('/api/v1/organizations/me')
      .set('Cookie', browser.cookie)
      .set('X-CSRF-Token', 'x'.repeat(43))
      .send({ contactName: 'Forged by another site' })
      .expect(403);
    expect(wrong.body.code).toBe('CSRF_TOKEN_INVALID');
    const unchanged = await api.http.get('/api/v1/me').set('Cookie', browser.cookie).expect(200);
    expect(unchanged.body.organization.contactName).not.toBe('Forged by another site');

    const written = await api.http
      .patch('/api/v1/organizations/me')
      .set('Cookie', browser.cookie)
      .set('X-CSRF-Token', browser.csrfToken)
      .send({ contactName: 'Ibu Sri' })
      .expect(200);
    expect(written.body.contactName).toBe('Ibu Sri');
  });

  it("does not accept one session's CSRF token for another session", async () => {
    const a = await browserLogin();
    const b = await browserLogin();
    const res = await api.http
      .patch('/api/v1/organizations/me')
      .set('Cookie', a.cookie)
      .set('X-CSRF-Token', b.csrfToken)
      .send({ contactName: 'Mixed up' })
      .expect(403);
    expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('lets bearer-token clients write without any CSRF token', async () => {
    const client = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const res = await api.http
      .patch('/api/v1/organizations/me')
      .set(client.auth)
      .send({ contactName: 'Pak Budi' })
      .expect(200);
    expect(res.body.contactName).toBe('Pak Budi');
  });

  it('refuses the cookie token when copied into an Authorization header', async () => {
    const browser = await browserLogin();
    await api.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${value(browser.session)}`)
      .expect(401);
  });

  it('opens the live stream (EventSource) on the session cookie', async () => {
    const browser = await browserLogin();
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as { port: number };
    const stream = openStream(`http://127.0.0.1:${port}/api/v1/notifications/stream`, {
      cookie: browser.cookie,
    });
    try {
      expect(await stream.status).toBe(200);
    } finally {
      stream.close();
    }
    const anonymous = openStream(`http://127.0.0.1:${port}/api/v1/notifications/stream`, {});
    try {
      expect(await anonymous.status).toBe(401);
    } finally {
      anonymous.close();
    }
  });

  it('ends the session on logout: the cookie stops working', async () => {
    const browser = await browserLogin();
    const res = await api.http
      .delete('/api/v1/auth/session')
      .set('Cookie', browser.cookie)
      .set('X-CSRF-Token', browser.csrfToken)
      .expect(204);
    expect(String(res.headers['set-cookie'])).toMatch(/jembatan_session=;/);
    await api.http.get('/api/v1/me').set('Cookie', browser.cookie).expect(401);
  });
});
