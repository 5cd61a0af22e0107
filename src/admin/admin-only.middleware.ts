import type { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';

const COOKIE = 'jembatan_admin';

function tokenOf(req: Request): string | undefined {
  const [scheme, header] = (req.headers.authorization ?? '').split(' ');
  if (scheme === 'Bearer' && header) return header;
  if (typeof req.query.access_token === 'string') return req.query.access_token;
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('='));
  return cookie.find(([name]) => name === COOKIE)?.[1];
}

/**
 * The queue dashboard is for platform administrators only (ADMIN_EMAILS). A browser opens it
 * once as /admin/queues?access_token=...; the token then rides in an HttpOnly cookie for the
 * dashboard's own API calls. Everyone else gets 404, as if it were not there.
 */
export function adminOnly(jwt: JwtService, dataSource: DataSource, config: AppConfig) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const deny = () =>
      void res.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' });
    const token = tokenOf(req);
    if (!token || config.adminEmails.length === 0) return deny();
    jwt
      .verifyAsync<{ sub: string }>(token)
      .then((claims) =>
        dataSource.query<{ email: string }[]>(`SELECT email FROM users WHERE id = $1`, [
          claims.sub,
        ]),
      )
      .then(([user]) => {
        if (!user || !config.adminEmails.includes(user.email)) return deny();
        res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/admin/queues' });
        next();
      })
      .catch(deny);
  };
}
