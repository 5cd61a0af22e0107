import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { OrganizationType } from '../organization.entity';
import type { Request } from 'express';
import type { Principal } from '../principal';
import type { ClientInfo } from '../sessions/sessions.service';

export const ALLOWED_ORG_TYPES = 'jembatan:allowed-org-types';
export const QUERY_TOKEN = 'jembatan:query-token';
export const ALLOW_UNVERIFIED = 'jembatan:allow-unverified';

// Public routes are marked below accounts (platform/route-access.ts) so that any folder can
// mark one; re-exported here beside the other access decorators.
export { IS_PUBLIC, Public } from '../../platform/route-access';

/**
 * A write that a user whose email is not verified yet may make: managing one's own account
 * (resend the verification email, change the password, sign out). Every other write needs it.
 */
export const AllowUnverified = () => SetMetadata(ALLOW_UNVERIFIED, true);

/**
 * Also accepts a single-use `?ticket=` (see StreamTicketStore) or, for existing clients, the token
 * as `?access_token=` (server-sent events, where clients cannot set headers).
 */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN, true);

/** Restricts a route to some organization types (e.g. only cooperatives and traders post supply). */
export const AllowOrganizationTypes = (...types: OrganizationType[]) =>
  SetMetadata(ALLOWED_ORG_TYPES, types);

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);

/** The caller's user agent and address, recorded on the sessions it opens. */
export const CurrentClient = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ClientInfo => {
    const request = context.switchToHttp().getRequest<Request>();
    const userAgent = request.headers['user-agent'];
    return { userAgent: typeof userAgent === 'string' ? userAgent : undefined, ip: request.ip };
  },
);

/** When the request's access token (or stream ticket's token) expires, in ms; null if never. */
export const TokenExpiresAt = createParamDecorator(
  (_data: unknown, context: ExecutionContext): number | null =>
    context.switchToHttp().getRequest<{ tokenExpiresAt?: number | null }>().tokenExpiresAt ?? null,
);
