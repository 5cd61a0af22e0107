import { createHmac } from 'node:crypto';
import { startApi, TestApi } from '../support/app';
import { aListing, aRegistration, Party, registerParty, verifyEmail } from '../support/factories';
import { MailSink, sharedMailSink } from '../support/mail-sink';

const DEV_JWT_SECRET = 'jembatan-development-secret-change-me';

/** An HS256 JWT signed with the development secret, with exactly these claims. */
function forgeJwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  const signature = createHmac('sha256', DEV_JWT_SECRET).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const fields = (body: { details?: { field: string }[] }) =>
  [...new Set((body.details ?? []).map((d) => d.field))].sort();

describe('accounts (e2e, real SMTP sink)', () => {
  let api: TestApi;
  let mail: MailSink;

  beforeAll(async () => {
    api = await startApi('api');
    mail = await sharedMailSink();
  });
  afterAll(() => api.close());

  const login = async (email: string, password: string) =>
    (await api.http.post('/api/v1/auth/login').send({ email, password }).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };

  describe('email verification', () => {
    it('emails a link on registration; until it is followed the user can read but not write', async () => {
      const registration = aRegistration({ type: 'cooperative' });
      const res = await api.http.post('/api/v1/auth/register').send(registration).expect(201);
      expect(res.body.refreshToken).toEqual(expect.any(String));
      expect(res.body.user.emailVerified).toBe(false);
      expect(res.body.user.organizationRole).toBe('owner');
      const auth = bearer(res.body.accessToken as string);

      const email = await mail.waitForEmail(registration.user.email, /Verifikasi email/);
      expect(email.text.indexOf('Terima kasih')).toBeLessThan(email.text.indexOf('Thank you'));
      expect(email.text).toContain(registration.user.name);

      await api.http.get('/api/v1/me').set(auth).expect(200);
      await api.http.get('/api/v1/supply-listings').set(auth).expect(200);
      const refused = await api.http
        .post('/api/v1/supply-listings')
        .set(auth)
        .send(aListing())
        .expect(403);
      expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
      const [{ n }] = await api.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM supply_listings WHERE organization_id = $1`,
        [res.body.organization.id],
      );
      expect(n).toBe(0);

      const token = await mail.tokenFor(registration.user.email, 'verify-email');
      const verified = await api.http.post('/api/v1/auth/verify-email').send({ token }).expect(200);
      expect(verified.body.user.emailVerified).toBe(true);
      await api.http.post('/api/v1/supply-listings').set(auth).send(aListing()).expect(201);

      // Single use.
      const again = await api.http.post('/api/v1/auth/verify-email').send({ token }).expect(400);
      expect(again.body.code).toBe('INVALID_TOKEN');
      expect(fields(again.body)).toEqual(['token']);
    });

    it('stores verification tokens hashed, never as sent', async () => {
      const registration = aRegistration();
      const res = await api.http.post('/api/v1/auth/register').send(registration).expect(201);
      const token = await mail.tokenFor(registration.user.email, 'verify-email');
      const rows = await api.dataSource.query<{ token_hash: string }[]>(
        `SELECT token_hash FROM account_tokens WHERE user_id = $1`,
        [res.body.user.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).not.toContain(token);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('resends a new link on request, which replaces the old one; refuses once verified', async () => {
      const registration = aRegistration();
      const res = await api.http.post('/api/v1/auth/register').send(registration).expect(201);
      const auth = bearer(res.body.accessToken as string);
      const first = await mail.tokenFor(registration.user.email, 'verify-email');

      await api.http.post('/api/v1/auth/verify-email/resend').set(auth).expect(202);
      const second = await mail.tokenFor(registration.user.email, 'verify-email', { count: 2 });
      expect(second).not.toBe(first);

      await api.http.post('/api/v1/auth/verify-email').send({ token: first }).expect(400);
      await api.http.post('/api/v1/auth/verify-email').send({ token: second }).expect(200);
      const done = await api.http.post('/api/v1/auth/verify-email/resend').set(auth).expect(409);
      expect(done.body.code).toBe('EMAIL_ALREADY_VERIFIED');
    });
  });

  describe('passwords', () => {
    it('changes the password with the current one and signs out every other session', async () => {
      const party = await registerParty(api.http);
      const password = aRegistration().user.password; // the factories' password
      const other = await login(party.user.email, password);

      const wrong = await api.http
        .post('/api/v1/me/password')
        .set(party.auth)
        .send({ currentPassword: 'not my password', newPassword: 'a brand new password' })
        .expect(400);
      expect(fields(wrong.body)).toEqual(['currentPassword']);
      await api.http.get('/api/v1/me').set(bearer(other.accessToken)).expect(200);

      await api.http
        .post('/api/v1/me/password')
        .set(party.auth)
        .send({ currentPassword: password, newPassword: 'a brand new password' })
        .expect(204);
      await api.http.get('/api/v1/me').set(party.auth).expect(200); // this session stays
      await api.http.get('/api/v1/me').set(bearer(other.accessToken)).expect(401);
      await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: other.refreshToken })
        .expect(401);
      await api.http
        .post('/api/v1/auth/login')
        .send({ email: party.user.email, password })
        .expect(401);
      await login(party.user.email, 'a brand new password');
    });

    it('answers a reset request the same for unknown and known emails, and emails only the known', async () => {
      const party = await registerParty(api.http);
      const unknown = `nobody-${Date.now()}@example.id`;
      const a = await api.http.post('/api/v1/auth/password-reset').send({ email: unknown });
      const b = await api.http
        .post('/api/v1/auth/password-reset')
        .send({ email: party.user.email.toUpperCase() });
      expect(a.status).toBe(202);
      expect(b.status).toBe(202);
      expect(a.body).toEqual(b.body);
      await mail.tokenFor(party.user.email, 'reset-password');
      expect(mail.to(unknown)).toHaveLength(0);
    });

    it('resets the password by the emailed token once, signing out every session', async () => {
      const party = await registerParty(api.http);
      const other = await login(party.user.email, aRegistration().user.password);
      await api.http
        .post('/api/v1/auth/password-reset')
        .send({ email: party.user.email })
        .expect(202);
      const token = await mail.tokenFor(party.user.email, 'reset-password');

      const short = await api.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, password: 'short' })
        .expect(400);
      expect(fields(short.body)).toEqual(['password']);

      await api.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, password: 'reset to this one' })
        .expect(204);
      const reused = await api.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, password: 'and again to this' })
        .expect(400);
      expect(reused.body.code).toBe('INVALID_TOKEN');

      await api.http.get('/api/v1/me').set(party.auth).expect(401);
      await api.http.get('/api/v1/me').set(bearer(other.accessToken)).expect(401);
      await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: party.refreshToken })
        .expect(401);
      await login(party.user.email, 'reset to this one');
    });
  });

  describe('refresh tokens and sessions', () => {
    it('rotates the refresh token; reusing a rotated one revokes the whole family', async () => {
      const party = await registerParty(api.http);
      const first = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: party.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(party.refreshToken);
      expect(first.body.expiresIn).toBe(900);
      await api.http
        .get('/api/v1/me')
        .set(bearer(first.body.accessToken as string))
        .expect(200);

      const second = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);

      // The first token again: someone copied it. The session (every token of it) is revoked.
      const reuse = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: party.refreshToken })
        .expect(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: second.body.refreshToken })
        .expect(401);
      await api.http
        .get('/api/v1/me')
        .set(bearer(second.body.accessToken as string))
        .expect(401);
      await api.http.get('/api/v1/me').set(party.auth).expect(401);
    });

    it('lets only one of two concurrent refreshes with the same token through', async () => {
      const party = await registerParty(api.http);
      const results = await Promise.all(
        [0, 1].map(() =>
          api.http.post('/api/v1/auth/refresh').send({ refreshToken: party.refreshToken }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('lists one’s sessions and revokes one of them', async () => {
      const party = await registerParty(api.http);
      const laptop = await api.http
        .post('/api/v1/auth/login')
        .set('User-Agent', 'Laptop Kantor')
        .send({ email: party.user.email, password: aRegistration().user.password })
        .expect(200);
      const list = await api.http.get('/api/v1/me/sessions').set(party.auth).expect(200);
      const items = list.body.items as { id: string; userAgent: string; current: boolean }[];
      expect(items).toHaveLength(2);
      expect(items.filter((s) => s.current)).toHaveLength(1);
      const other = items.find((s) => s.userAgent === 'Laptop Kantor')!;
      expect(other.current).toBe(false);

      const stranger = await registerParty(api.http);
      await api.http.delete(`/api/v1/me/sessions/${other.id}`).set(stranger.auth).expect(404);
      await api.http
        .get('/api/v1/me')
        .set(bearer(laptop.body.accessToken as string))
        .expect(200);

      await api.http.delete(`/api/v1/me/sessions/${other.id}`).set(party.auth).expect(204);
      await api.http
        .get('/api/v1/me')
        .set(bearer(laptop.body.accessToken as string))
        .expect(401);
      await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: laptop.body.refreshToken })
        .expect(401);
      const after = await api.http.get('/api/v1/me/sessions').set(party.auth).expect(200);
      expect(after.body.items).toHaveLength(1);
      const bad = await api.http.delete('/api/v1/me/sessions/not-a-uuid').set(party.auth);
      expect(bad.status).toBe(400);
    });

    it('logs out: the access token and the refresh token of that session stop working', async () => {
      const party = await registerParty(api.http);
      await api.http.post('/api/v1/auth/logout').set(party.auth).expect(204);
      await api.http.get('/api/v1/me').set(party.auth).expect(401);
      await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: party.refreshToken })
        .expect(401);
    });

    it('refuses a correctly signed JWT that has no exp', async () => {
      const party = await registerParty(api.http);
      const claims = JSON.parse(Buffer.from(party.token.split('.')[1], 'base64url').toString()) as {
        sub: string;
        sid: string;
        exp: number;
      };
      // The control: the forger's signature is right, so with an exp the token works...
      const withExp = forgeJwt({ sub: claims.sub, sid: claims.sid, exp: claims.exp });
      await api.http.get('/api/v1/me').set(bearer(withExp)).expect(200);
      // ...and without one it is refused.
      const forever = forgeJwt({ sub: claims.sub, sid: claims.sid });
      await api.http.get('/api/v1/me').set(bearer(forever)).expect(401);
    });

    it('refuses an access token that names no session (as tokens did before sessions)', async () => {
      const party = await registerParty(api.http);
      const { sub, exp } = JSON.parse(
        Buffer.from(party.token.split('.')[1], 'base64url').toString(),
      ) as { sub: string; exp: number };
      await api.http
        .get('/api/v1/me')
        .set(bearer(forgeJwt({ sub, exp })))
        .expect(401);
    });
  });

  describe('members and invitations', () => {
    const invite = (owner: Party, email: string, role: 'owner' | 'member') =>
      api.http.post('/api/v1/organizations/me/invitations').set(owner.auth).send({ email, role });
    const accept = (token: string, name = 'Budi Santoso') =>
      api.http
        .post('/api/v1/auth/accept-invitation')
        .send({ token, name, password: 'budi password 123' });

    it('invites a colleague by email, who joins verified; owners list and remove members', async () => {
      const owner = await registerParty(api.http, { name: 'KUD Makmur' });
      const email = `budi-${Date.now()}@example.id`;
      const invitation = await invite(owner, email, 'member').expect(201);
      expect(invitation.body).toMatchObject({ email, role: 'member' });
      const sent = await mail.waitForEmail(email, /Undangan/);
      expect(sent.text).toContain('KUD Makmur');

      const token = await mail.tokenFor(email, 'accept-invitation');
      const joined = await accept(token).expect(201);
      expect(joined.body.organization.id).toBe(owner.organization.id);
      expect(joined.body.user).toMatchObject({
        email,
        emailVerified: true,
        organizationRole: 'member',
      });
      expect(joined.body.refreshToken).toEqual(expect.any(String));
      const budi = bearer(joined.body.accessToken as string);
      await api.http.post('/api/v1/supply-listings').set(budi).send(aListing()).expect(201);
      await accept(token, 'Someone Else').expect(400); // single use

      // A member may not invite or remove.
      const notOwner = await api.http
        .post('/api/v1/organizations/me/invitations')
        .set(budi)
        .send({ email: `x-${Date.now()}@example.id`, role: 'owner' })
        .expect(403);
      expect(notOwner.body.code).toBe('OWNER_ONLY');
      await api.http
        .delete(`/api/v1/organizations/me/members/${owner.user.id}`)
        .set(budi)
        .expect(403);
      // Nor change what counterparts rely on: the contact they call, whom the organization trades with.
      const contact = await api.http
        .patch('/api/v1/organizations/me')
        .set(budi)
        .send({ phone: '+6281299998888' })
        .expect(403);
      expect(contact.body.code).toBe('OWNER_ONLY');
      await api.http
        .put('/api/v1/organizations/me/matching-preferences')
        .set(budi)
        .send({ verifiedCounterpartsOnly: true })
        .expect(403);
      await api.http
        .patch('/api/v1/organizations/me')
        .set(owner.auth)
        .send({ phone: '+6281299998888' })
        .expect(200);

      const members = await api.http.get('/api/v1/organizations/me/members').set(owner.auth);
      expect(members.status).toBe(200);
      expect(
        (members.body.items as { email: string; organizationRole: string }[]).map((m) => [
          m.email,
          m.organizationRole,
        ]),
      ).toEqual([
        [owner.user.email, 'owner'],
        [email, 'member'],
      ]);

      // The last owner stays; a member goes, and their tokens with them.
      const last = await api.http
        .delete(`/api/v1/organizations/me/members/${owner.user.id}`)
        .set(owner.auth)
        .expect(409);
      expect(last.body.code).toBe('LAST_OWNER');
      await api.http
        .delete(`/api/v1/organizations/me/members/${joined.body.user.id}`)
        .set(owner.auth)
        .expect(204);
      await api.http.get('/api/v1/me').set(budi).expect(401);
      const stranger = await registerParty(api.http);
      await api.http
        .delete(`/api/v1/organizations/me/members/${stranger.user.id}`)
        .set(owner.auth)
        .expect(404);
    });

    it('lets a second owner remove the first, but never the last', async () => {
      const first = await registerParty(api.http);
      const email = `owner-${Date.now()}@example.id`;
      await invite(first, email, 'owner').expect(201);
      const second = await accept(await mail.tokenFor(email, 'accept-invitation')).expect(201);
      const secondAuth = bearer(second.body.accessToken as string);
      // Both at once: the row locks let exactly one removal through. The other is refused with
      // 409 when both reach the lock together, or 401 when the winner had already removed its
      // caller before that request was authenticated (a removed member's session is dead): which
      // of the two depends on scheduling, never on a second removal.
      const [a, b] = await Promise.all([
        api.http.delete(`/api/v1/organizations/me/members/${second.body.user.id}`).set(first.auth),
        api.http.delete(`/api/v1/organizations/me/members/${first.user.id}`).set(secondAuth),
      ]);
      const [won, lost] = a.status === 204 ? [a, b] : [b, a];
      expect(won.status).toBe(204);
      expect([401, 409]).toContain(lost.status);
      const [{ n }] = await api.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM users
          WHERE organization_id = $1 AND organization_role = 'owner'`,
        [first.organization.id],
      );
      expect(n).toBe(1);
    });

    it('refuses invitations from an unverified owner and to an address that has an account', async () => {
      const unverified = await registerParty(api.http, { verified: false });
      const refused = await invite(unverified, `y-${Date.now()}@example.id`, 'member').expect(403);
      expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
      await verifyEmail(api.http, unverified.user.email);
      const taken = await invite(unverified, unverified.user.email, 'member').expect(409);
      expect(taken.body.code).toBe('EMAIL_TAKEN');
    });
  });

  describe('bad input', () => {
    it('answers 400 naming the fields', async () => {
      const owner = await registerParty(api.http);
      const cases: [string, object, string[], Party | null][] = [
        ['/api/v1/auth/refresh', {}, ['refreshToken'], null],
        ['/api/v1/auth/verify-email', { token: 5 }, ['token'], null],
        ['/api/v1/auth/password-reset', { email: 'not an email' }, ['email'], null],
        ['/api/v1/auth/password-reset/confirm', { token: 'x' }, ['password', 'token'], null],
        ['/api/v1/auth/accept-invitation', { token: 'x'.repeat(43) }, ['name', 'password'], null],
        [
          '/api/v1/organizations/me/invitations',
          { email: 'nope', role: 'boss' },
          ['email', 'role'],
          owner,
        ],
        [
          '/api/v1/me/password',
          { newPassword: 'short' },
          ['currentPassword', 'newPassword'],
          owner,
        ],
      ];
      for (const [path, body, expected, party] of cases) {
        const req = api.http.post(path);
        if (party) void req.set(party.auth);
        const res = await req.send(body);
        expect([path, res.status]).toEqual([path, 400]);
        expect([path, fields(res.body)]).toEqual([path, expected]);
      }
    });
  });
});
