import { SetMetadata } from '@nestjs/common';

/**
 * What the HTTP plumbing knows of a request's caller and route, without depending on accounts:
 * accounts' guard sets `request.principal` (a Principal, which has these fields and more) and
 * reads the public mark; the rate limits and idempotency read both. Kept here, below accounts,
 * so that every folder (reference and health included) can mark a public route.
 */
export const IS_PUBLIC = 'jembatan:public';

/** Routes are authenticated unless marked public. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The fields of the authenticated caller that the platform's interceptors use. */
export interface RequestCaller {
  userId: string;
  organizationId: string;
}
