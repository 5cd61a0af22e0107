import type { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The same test as the global AuthGuard, which does not run for this Express-mounted dashboard:
 * a token with an expiry, naming a live session of a user who holds the administrator role.
 */
async function isAdministratorSession(dataSource: DataSource, claims: Claims): Promise<boolean> {
  const { sub, sid, exp } = claims;
  if (typeof exp !== 'number' || typeof sub !== 'string' || typeof sid !== 'string') return false;
  if (!UUID.test(sub) || !UUID.test(sid)) return false;
  const rows = await dataSource.query<unknown[]>(
    `SELECT 1 FROM sessions s JOIN platform_administrators a ON a.user_id = s.user_id
      WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [sid, sub],
  );
  return rows.length > 0;
}

interface Claims {
  sub?: unknown;
  sid?: unknown;
  exp?: unknown;
}

const COOKIE = 'jembatan_admin';

function tokenOf(req: Request): string | undefined {
  const [scheme, header] = (req.headers.authorization ?? '').split(' ');
  if (scheme === 'Bearer' && header) return header;
  if (typeof req.query.access_token === 'string') return req.query.access_token;
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('='));
  return cookie.find(([name]) => name === COOKIE)?.[1];
}

/**
 * The queue dashboard is for holders of the administrator role only (not an email list: an
 * address anyone can register is no credential). A browser opens it once as
 * /admin/queues?access_token=...; the token then rides in an HttpOnly cookie for the
 * dashboard's own API calls. Everyone else gets 404, as if it were not there.
 *
 * The dashboard is read-only: besides Bull Board's readOnlyMode (which hides the buttons and
 * refuses its mutating routes), any method other than GET/HEAD is refused here, so that a
 * Bull Board route that forgets the check still cannot pause, clean, retry or add jobs.
 */
export function adminOnly(jwt: JwtService, dataSource: DataSource) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const deny = () =>
      void res.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' });
    const token = tokenOf(req);
    if (!token) return deny();
    jwt
      .verifyAsync<Claims>(token)
      .then((claims) => isAdministratorSession(dataSource, claims))
      .then((allowed) => {
        if (!allowed) return deny();
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          return void res.status(405).json({
            statusCode: 405,
            code: 'READ_ONLY_DASHBOARD',
            message: 'The queue dashboard is read-only',
          });
        }
        res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/admin/queues' });
        next();
      })
      .catch(deny);
  };
}
