import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { runAdminCommand } from '../../src/admin.cli';
import { startApi, TestApi } from '../support/app';
import { registerParty } from '../support/factories';

const root = join(__dirname, '..', '..');

/** Runs the administrators' command line as an operator would, against the test database. */
async function adminCli(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/admin.cli.ts', ...args],
      { cwd: root, env: process.env, timeout: 120_000 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('npm run admin (command line against the test database)', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startApi('api');
    dataSource = api.dataSource;
  });
  afterAll(() => api.close());

  const isAdmin = async (userId: string) =>
    (await dataSource.query(`SELECT 1 FROM platform_administrators WHERE user_id = $1`, [userId]))
      .length === 1;

  it('grants the role to an existing account, audited as the command line, and revokes it', async () => {
    const party = await registerParty(api.http, { type: 'trader' });
    await api.http.get('/api/v1/admin/audit-log').set(party.auth).expect(404);

    const granted = await adminCli('grant', party.user.email.toUpperCase());
    expect(granted).toEqual({
      code: 0,
      output: expect.stringContaining(`${party.user.email} is now a platform administrator`),
    });
    expect(await isAdmin(party.user.id)).toBe(true);
    const log = await api.http
      .get(`/api/v1/admin/audit-log?targetId=${party.user.id}`)
      .set(party.auth)
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        action: 'administrator.granted',
        actorUserId: null,
        actorLabel: expect.stringMatching(/^command line \(.+\)$/),
        targetLabel: party.user.email,
      }),
    ]);

    const revoked = await adminCli('revoke', party.user.email);
    expect(revoked.code).toBe(0);
    expect(await isAdmin(party.user.id)).toBe(false);
    await api.http.get('/api/v1/admin/audit-log').set(party.auth).expect(404);
  });

  it('refuses an email nobody registered, with a clear message and exit code 1', async () => {
    const count = async () =>
      (await dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n as number;
    const before = await count();
    const refused = await adminCli('grant', 'never-registered@example.id');
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(
      'Refused: No account uses never-registered@example.id: the person must register before becoming an administrator',
    );
    expect(await count()).toBe(before);
  });

  it('refuses an account whose email is not verified (the admin take-over of issue #9)', async () => {
    // Whoever registers an address first must not become administrator by it: the role needs an
    // account that proved it controls the address.
    const party = await registerParty(api.http, { type: 'trader', verified: false });
    const refused = await adminCli('grant', party.user.email);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('has not verified its email address yet');
    expect(await isAdmin(party.user.id)).toBe(false);
  });

  it('explains its usage, and treats a second grant as nothing to do', async () => {
    const lines: string[] = [];
    expect(await runAdminCommand(['promote', 'x@example.id'], (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toContain('npm run admin -- <command>');

    const party = await registerParty(api.http, { type: 'trader' });
    expect(await runAdminCommand(['grant', party.user.email], (l) => lines.push(l))).toBe(0);
    expect(await runAdminCommand(['grant', party.user.email], (l) => lines.push(l))).toBe(0);
    expect(lines[lines.length - 1]).toContain('already an administrator; nothing changed');
    const entries = await dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1`,
      [party.user.id],
    );
    expect(entries[0].n).toBe(1);
  });
});
