import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import type { OrganizationType } from '../organization.entity';
import type { Principal } from '../principal';
import { ALLOW_UNVERIFIED, ALLOWED_ORG_TYPES, IS_PUBLIC, QUERY_TOKEN } from './auth.decorators';
import {
  BROWSER_TOKEN_TYPE,
  BrowserSessions,
  CSRF_HEADER,
  readCookie,
  SESSION_COOKIE,
} from './browser-session';
import { StreamTicketStore } from './stream-ticket.store';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenClaims {
  sub?: unknown;
  sid?: unknown;
  exp?: unknown;
  typ?: unknown;
}

/** When the credential of the request expires (ms since the epoch), for long-lived responses. */
export type WithTokenExpiry = { tokenExpiresAt?: number | null };

/**
 * Global guard. A valid signature is not enough: the user and the token's session are looked up
 * on every request, so a deleted user's or a revoked session's token stops working at once and
 * the organization type cannot be stale. A token must carry an expiry (jsonwebtoken accepts one
 * without `exp` as valid forever, so the guard insists). Until the email is verified, a user may
 * read but not write, except to manage the account itself.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: StreamTicketStore,
    private readonly browser: BrowserSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<Request & { principal?: Principal } & WithTokenExpiry>();
    let [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const queryToken = request.query?.access_token;
    const ticket = request.query?.ticket;
    const allowsQuery = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN, targets);
    if (!token && allowsQuery && typeof ticket === 'string') {
      const claims = await this.tickets.redeem(ticket);
      const principal = claims && (await this.loadPrincipal(claims.userId, claims.sessionId));
      if (!claims || !principal) throw DomainError.unauthorized('Unknown, used or expired ticket');
      request.principal = principal;
      request.tokenExpiresAt = claims.tokenExpiresAt;
      return true;
    }
    if (!token && typeof queryToken === 'string' && allowsQuery) {
      [scheme, token] = ['Bearer', queryToken];
    }
    // The console's cookie, only when no header says otherwise: a bearer client is never
    // subject to CSRF checks, a cookie (which a browser attaches by itself) always is.
    const cookieToken = token ? undefined : readCookie(request.headers.cookie, SESSION_COOKIE);
    if (cookieToken) [scheme, token] = ['Bearer', cookieToken];
    if (scheme !== 'Bearer' || !token) throw DomainError.unauthorized();

    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw DomainError.unauthorized();
    }
    if (typeof claims.exp !== 'number') throw DomainError.unauthorized();
    // A cookie must hold a cookie token (and only a cookie may): a long-lived browser token
    // copied into a header would otherwise skip the CSRF check.
    if ((claims.typ === BROWSER_TOKEN_TYPE) !== !!cookieToken) throw DomainError.unauthorized();
    const principal = await this.loadPrincipal(claims.sub, claims.sid);
    if (!principal) throw DomainError.unauthorized();
    request.principal = principal;
    request.tokenExpiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : null;

    if (
      cookieToken &&
      !READS.has(request.method) &&
      !this.browser.isValidCsrf(principal.sessionId, request.headers[CSRF_HEADER])
    ) {
      throw new DomainError(
        403,
        'CSRF_TOKEN_INVALID',
        'Muat ulang halaman lalu coba lagi / Reload the page and try again: ' +
          'a write with the session cookie needs the X-CSRF-Token header',
      );
    }

    if (
      !principal.emailVerified &&
      !READS.has(request.method) &&
      !this.reflector.getAllAndOverride<boolean>(ALLOW_UNVERIFIED, targets)
    ) {
      throw new DomainError(
        403,
        'EMAIL_NOT_VERIFIED',
        'Verifikasi email Anda terlebih dahulu (lihat email dari Jembatan) / ' +
          'Verify your email first: until then the account can read but not write',
      );
    }

    const allowed = this.reflector.getAllAndOverride<OrganizationType[] | undefined>(
      ALLOWED_ORG_TYPES,
      targets,
    );
    if (allowed && !allowed.includes(principal.organizationType)) {
      throw DomainError.forbidden(
        `Only ${allowed.join(' or ')} organizations may do this; yours is a ${principal.organizationType}`,
      );
    }
    return true;
  }

  private async loadPrincipal(userId: unknown, sessionId: unknown): Promise<Principal | null> {
    if (typeof userId !== 'string' || !UUID.test(userId)) return null;
    if (typeof sessionId !== 'string' || !UUID.test(sessionId)) return null;
    const rows: Principal[] = await this.dataSource.query(
      `SELECT u.id AS "userId", o.id AS "organizationId", o.type AS "organizationType",
              o.region_code AS "regionCode", s.id AS "sessionId",
              u.email_verified_at IS NOT NULL AS "emailVerified",
              u.organization_role AS "organizationRole"
         FROM users u
         JOIN organizations o ON o.id = u.organization_id
         JOIN sessions s ON s.user_id = u.id
        WHERE u.id = $1 AND s.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [userId, sessionId],
    );
    return rows[0] ?? null;
  }
}
