import { registerAdministrator } from '../support/admin';
import { startApi, TestApi } from '../support/app';
import { Party, registerParty } from '../support/factories';
import { waitFor } from '../support/wait';

interface AuditEntry {
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  note: string | null;
  at: string;
}

describe('organization verification and administrators (e2e)', () => {
  let api: TestApi;
  let admin: Party;

  beforeAll(async () => {
    api = await startApi('all');
    admin = await registerAdministrator(api);
  });
  afterAll(() => api.close());

  const auditOf = async (targetId: string): Promise<AuditEntry[]> =>
    (await api.http.get(`/api/v1/admin/audit-log?targetId=${targetId}`).set(admin.auth).expect(200))
      .body.items;

  it('lists unverified organizations newest first, a page at a time', async () => {
    const first = await registerParty(api.http, { type: 'cooperative' });
    const second = await registerParty(api.http, { type: 'government', regionCode: '21.71' });
    const page1 = await api.http
      .get('/api/v1/admin/organizations?verificationStatus=unverified&limit=1')
      .set(admin.auth)
      .expect(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0]).toMatchObject({
      id: second.organization.id,
      type: 'government',
      verificationStatus: 'unverified',
      users: [{ id: second.user.id, email: second.user.email }],
    });
    const page2 = await api.http
      .get(
        `/api/v1/admin/organizations?verificationStatus=unverified&limit=1&cursor=${page1.body.nextCursor}`,
      )
      .set(admin.auth)
      .expect(200);
    expect(page2.body.items[0].id).toBe(first.organization.id);

    const bad = await api.http
      .get('/api/v1/admin/organizations?verificationStatus=maybe')
      .set(admin.auth)
      .expect(400);
    expect(bad.body.details[0].field).toBe('verificationStatus');
  });

  it('verifies and rejects with a note, tells the organization, and audits who and when', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const fake = await registerParty(api.http, { type: 'government', regionCode: '35.07' });
    expect(
      (await api.http.get('/api/v1/me').set(coop.auth).expect(200)).body.organization,
    ).toMatchObject({ verificationStatus: 'unverified', verifiedCounterpartsOnly: false });

    const before = Date.now();
    const verified = await api.http
      .post(`/api/v1/admin/organizations/${coop.organization.id}/verify`)
      .set(admin.auth)
      .send({ note: 'Akta koperasi dan NIB diperiksa' })
      .expect(200);
    expect(verified.body).toMatchObject({
      id: coop.organization.id,
      verificationStatus: 'verified',
    });
    const again = await api.http
      .post(`/api/v1/admin/organizations/${coop.organization.id}/verify`)
      .set(admin.auth)
      .send({})
      .expect(409);
    expect(again.body.code).toBe('ALREADY_VERIFIED');

    const noNote = await api.http
      .post(`/api/v1/admin/organizations/${fake.organization.id}/reject`)
      .set(admin.auth)
      .send({ note: '   ' })
      .expect(400);
    expect(noNote.body.details[0].field).toBe('note');
    await api.http
      .post(`/api/v1/admin/organizations/${fake.organization.id}/reject`)
      .set(admin.auth)
      .send({ note: 'Bukan instansi pemerintah' })
      .expect(200);
    await api.http
      .post('/api/v1/admin/organizations/00000000-0000-4000-8000-000000000000/verify')
      .set(admin.auth)
      .send({})
      .expect(404);
    await api.http
      .post('/api/v1/admin/organizations/nope/verify')
      .set(admin.auth)
      .send({})
      .expect(400);

    expect(
      (await api.http.get('/api/v1/me').set(coop.auth).expect(200)).body.organization,
    ).toMatchObject({ verificationStatus: 'verified' });
    expect(
      (await api.http.get('/api/v1/me').set(fake.auth).expect(200)).body.organization,
    ).toMatchObject({ verificationStatus: 'rejected' });
    const rejected = await api.http
      .get('/api/v1/admin/organizations?verificationStatus=rejected')
      .set(admin.auth)
      .expect(200);
    expect(rejected.body.items.map((o: { id: string }) => o.id)).toContain(fake.organization.id);

    const [verifiedEntry] = await auditOf(coop.organization.id);
    expect(verifiedEntry).toMatchObject({
      actorUserId: admin.user.id,
      actorLabel: admin.user.email,
      action: 'organization.verified',
      targetType: 'organization',
      targetLabel: coop.organization.name,
      note: 'Akta koperasi dan NIB diperiksa',
    });
    expect(Date.parse(verifiedEntry.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(await auditOf(fake.organization.id)).toEqual([
      expect.objectContaining({
        action: 'organization.rejected',
        note: 'Bukan instansi pemerintah',
      }),
    ]);

    // Each organization hears of the decision in its inbox, with the note.
    const inbox = (party: Party, type: string) =>
      waitFor(
        async () =>
          (
            (await api.http.get('/api/v1/notifications').set(party.auth).expect(200)).body
              .items as { type: string; data: Record<string, unknown> }[]
          ).find((n) => n.type === type),
        { what: `${type} in the inbox` },
      );
    expect((await inbox(coop, 'organization.verified')).data).toMatchObject({
      organizationId: coop.organization.id,
      verificationStatus: 'verified',
      note: 'Akta koperasi dan NIB diperiksa',
    });
    expect((await inbox(fake, 'organization.rejected')).data).toMatchObject({
      verificationStatus: 'rejected',
      note: 'Bukan instansi pemerintah',
    });
  });

  it('answers 404 to everyone who is not an administrator', async () => {
    const someone = await registerParty(api.http, { type: 'government' });
    const target = someone.organization.id;
    for (const [method, path] of [
      ['get', '/api/v1/admin/organizations?verificationStatus=unverified'],
      ['post', `/api/v1/admin/organizations/${target}/verify`],
      ['post', `/api/v1/admin/organizations/${target}/reject`],
      ['get', '/api/v1/admin/audit-log'],
      ['get', '/api/v1/admin/administrators'],
      ['post', '/api/v1/admin/administrators'],
      ['delete', `/api/v1/admin/administrators/${admin.user.id}`],
    ] as const) {
      const res = await api.http[method](path)
        .set(someone.auth)
        .send({ note: 'x', email: someone.user.email });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect(
      (await api.http.get('/api/v1/me').set(someone.auth).expect(200)).body.organization,
    ).toMatchObject({ verificationStatus: 'unverified' });
  });

  it('lets an administrator grant and revoke the role, audited, but never revoke the last one', async () => {
    const colleague = await registerParty(api.http, { type: 'trader' });
    const unknown = await api.http
      .post('/api/v1/admin/administrators')
      .set(admin.auth)
      .send({ email: 'nobody-registered@example.id' })
      .expect(404);
    expect(unknown.body.code).toBe('ACCOUNT_NOT_FOUND');

    const granted = await api.http
      .post('/api/v1/admin/administrators')
      .set(admin.auth)
      .send({ email: colleague.user.email.toUpperCase() })
      .expect(201);
    expect(granted.body).toMatchObject({ userId: colleague.user.id, email: colleague.user.email });
    const twice = await api.http
      .post('/api/v1/admin/administrators')
      .set(admin.auth)
      .send({ email: colleague.user.email })
      .expect(409);
    expect(twice.body.code).toBe('ALREADY_ADMINISTRATOR');
    // The new administrator can act at once, e.g. read the audit log.
    await api.http.get('/api/v1/admin/audit-log').set(colleague.auth).expect(200);

    await api.http
      .delete(`/api/v1/admin/administrators/${colleague.user.id}`)
      .set(admin.auth)
      .expect(204);
    await api.http.get('/api/v1/admin/audit-log').set(colleague.auth).expect(404);
    expect((await auditOf(colleague.user.id)).map((e) => [e.action, e.actorUserId])).toEqual([
      ['administrator.revoked', admin.user.id],
      ['administrator.granted', admin.user.id],
    ]);

    // Every other holder gone, the last one cannot revoke themselves through the API.
    await api.dataSource.query(`DELETE FROM platform_administrators WHERE user_id <> $1`, [
      admin.user.id,
    ]);
    const last = await api.http
      .delete(`/api/v1/admin/administrators/${admin.user.id}`)
      .set(admin.auth)
      .expect(409);
    expect(last.body.code).toBe('LAST_ADMINISTRATOR');
  });
});
