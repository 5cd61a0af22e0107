import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** The httpOnly cookie holding the console's credential: page scripts never read it. */
export const SESSION_COOKIE = 'jembatan_session';
/** Readable by the console's scripts, which echo it in X-CSRF-Token on every write. */
export const CSRF_COOKIE = 'jembatan_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Marks a token as the cookie's, so that the guard demands the CSRF header on writes. */
export const BROWSER_TOKEN_TYPE = 'browser';

const DAY_SECONDS = 24 * 3600;

/** The value of one cookie in a Cookie header (RFC 6265 syntax; values we set are base64url). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * The browser's session: the same server-side session row as a bearer client's (listed in
 * /me/sessions, revoked by logout or a password change), carried in an httpOnly SameSite cookie
 * instead of a header. Cookies ride along on cross-site requests that SameSite=Lax lets through,
 * so every write made with the cookie must also carry a CSRF token, an HMAC of the session id:
 * another site can neither read it nor compute it, and a leaked one is useless for another
 * session.
 */
@Injectable()
export class BrowserSessions {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.config.jwtSecret)
      .update(`csrf:${sessionId}`)
      .digest('base64url');
  }

  isValidCsrf(sessionId: string, presented: unknown): boolean {
    if (typeof presented !== 'string') return false;
    const expected = Buffer.from(this.csrfToken(sessionId));
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * Sets both cookies for the session of an access token just issued. The cookie lives as long
   * as the session may (the refresh token's lifetime); the guard checks the session row on every
   * request, so logging out or revoking the session ends it at once.
   */
  async start(res: Response, accessToken: string): Promise<{ userId: string }> {
    const claims = this.jwt.decode<{ sub: string; sid: string }>(accessToken);
    const lifetime = this.config.refreshTokenTtlDays * DAY_SECONDS;
    const token = await this.jwt.signAsync(
      { sub: claims.sub, sid: claims.sid, typ: BROWSER_TOKEN_TYPE },
      { expiresIn: lifetime },
    );
    const maxAge = lifetime * 1000;
    res.cookie(SESSION_COOKIE, token, { ...this.cookieOptions(), httpOnly: true, maxAge });
    res.cookie(CSRF_COOKIE, this.csrfToken(claims.sid), {
      ...this.cookieOptions(),
      httpOnly: false,
      maxAge,
    });
    return { userId: claims.sub };
  }

  end(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { ...this.cookieOptions(), httpOnly: true });
    res.clearCookie(CSRF_COOKIE, { ...this.cookieOptions(), httpOnly: false });
  }

  private cookieOptions(): CookieOptions {
    // Lax, not Strict: a link from the verification email opens the console signed in; writes
    // are protected by the CSRF token either way.
    return { secure: this.config.sessionCookieSecure, sameSite: 'lax', path: '/' };
  }
}
