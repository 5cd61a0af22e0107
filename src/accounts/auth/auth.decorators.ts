import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { OrganizationType } from '../organization.entity';
import type { Principal } from '../principal';

export const IS_PUBLIC = 'jembatan:public';
export const ALLOWED_ORG_TYPES = 'jembatan:allowed-org-types';
export const QUERY_TOKEN = 'jembatan:query-token';

/** Routes are authenticated unless marked public. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

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

/** When the request's access token (or stream ticket's token) expires, in ms; null if never. */
export const TokenExpiresAt = createParamDecorator(
  (_data: unknown, context: ExecutionContext): number | null =>
    context.switchToHttp().getRequest<{ tokenExpiresAt?: number | null }>().tokenExpiresAt ?? null,
);
