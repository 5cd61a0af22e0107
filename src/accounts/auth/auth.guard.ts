import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import type { OrganizationType } from '../organization.entity';
import type { Principal } from '../principal';
import { ALLOWED_ORG_TYPES, IS_PUBLIC, QUERY_TOKEN } from './auth.decorators';
import { StreamTicketStore } from './stream-ticket.store';

interface TokenClaims {
  sub: string;
  exp?: number;
}

/** When the credential of the request expires (ms since the epoch), for long-lived responses. */
export type WithTokenExpiry = { tokenExpiresAt?: number | null };

/**
 * Global guard. A valid signature is not enough: the user is looked up on every request, so a
 * deleted user's token stops working at once and the organization type cannot be stale.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: StreamTicketStore,
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
      const principal = claims && (await this.loadPrincipal(claims.userId));
      if (!claims || !principal) throw DomainError.unauthorized('Unknown, used or expired ticket');
      request.principal = principal;
      request.tokenExpiresAt = claims.tokenExpiresAt;
      return true;
    }
    if (!token && typeof queryToken === 'string' && allowsQuery) {
      [scheme, token] = ['Bearer', queryToken];
    }
    if (scheme !== 'Bearer' || !token) throw DomainError.unauthorized();

    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw DomainError.unauthorized();
    }
    const principal = await this.loadPrincipal(claims.sub);
    if (!principal) throw DomainError.unauthorized();
    request.principal = principal;
    request.tokenExpiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : null;

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

  private async loadPrincipal(userId: unknown): Promise<Principal | null> {
    if (typeof userId !== 'string' || !/^[0-9a-f-]{36}$/i.test(userId)) return null;
    const rows: Principal[] = await this.dataSource.query(
      `SELECT u.id AS "userId", o.id AS "organizationId", o.type AS "organizationType",
              o.region_code AS "regionCode"
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }
}
