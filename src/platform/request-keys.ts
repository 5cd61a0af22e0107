/*
 * The pure halves of the idempotency and rate-limit interceptors: which stored key a request
 * may replay and which budgets it is counted against. Kept apart from the interceptors (which
 * need PostgreSQL and Redis) so that unit specs, and StrykerJS, can pin them.
 */

/** Idempotency keys are per organization; an anonymous caller's are per address. */
export function idempotencyScope(
  organizationId: string | undefined,
  ip: string | undefined,
): string {
  return organizationId ?? `ip:${ip ?? 'unknown'}`;
}

/**
 * What a replay must repeat exactly: method, URL (path and query) and body. The same key with
 * another hash is refused (422), so a retry cannot return the answer to a different request.
 */
export function idempotencyRequestText(method: string, originalUrl: string, body: unknown): string {
  return `${method} ${originalUrl}\n${JSON.stringify(body ?? null)}`;
}

/** A shared address (an office behind NAT) gets a few users' worth of a per-user budget. */
export const PER_ADDRESS_FACTOR = 5;

export interface RateLimitBudgets {
  rateLimitAuthPerMinute: number;
  rateLimitReadsPerMinute: number;
  rateLimitWritesPerMinute: number;
  rateLimitCostlyReadsPerMinute: number;
}

export interface RateLimitCaller {
  method: string;
  /** The route Nest matched (its path pattern), never the raw URL. */
  route: string;
  ip: string;
  userId: string | undefined;
  /** The handler is @Public (registration, login, ...). */
  isPublic: boolean;
  /** The handler is @CostlyRead. */
  costly: boolean;
}

/** One budget a request is counted against, in order. */
export interface RateLimitHit {
  bucket: string;
  id: string;
  limit: number;
}

/**
 * The budgets one request is counted against, in the order they are taken. Keyed by method and
 * matched route, so `/auth/login/` and `/Auth/Login` (the same handler) count the same.
 * Unauthenticated writes: per address and route. Writes: per user and per address. Reads: per
 * user (or address), and costly reads also per user (or address) and route.
 */
export function rateLimitHits(caller: RateLimitCaller, budgets: RateLimitBudgets): RateLimitHit[] {
  const route = `${caller.method} ${caller.route}`;
  const user = caller.userId;
  const ip = caller.ip;
  const isRead = ['GET', 'HEAD', 'OPTIONS'].includes(caller.method);
  if (!isRead && caller.isPublic) {
    return [{ bucket: 'auth', id: `${ip}|${route}`, limit: budgets.rateLimitAuthPerMinute }];
  }
  if (isRead) {
    const hits: RateLimitHit[] = [];
    if (caller.costly) {
      const costly = budgets.rateLimitCostlyReadsPerMinute;
      hits.push({
        bucket: 'costly',
        id: `${user ?? ip}|${route}`,
        limit: user ? costly : costly * PER_ADDRESS_FACTOR,
      });
    }
    const reads = budgets.rateLimitReadsPerMinute;
    hits.push(
      user
        ? { bucket: 'reads-user', id: user, limit: reads }
        : { bucket: 'reads-ip', id: ip, limit: reads * PER_ADDRESS_FACTOR },
    );
    return hits;
  }
  const writes = budgets.rateLimitWritesPerMinute;
  const hits: RateLimitHit[] = [];
  if (user) hits.push({ bucket: 'writes-user', id: user, limit: writes });
  hits.push({ bucket: 'writes-ip', id: ip, limit: writes * PER_ADDRESS_FACTOR });
  return hits;
}
