import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { openRedis } from '../../queue/redis-connection';

/** How long a ticket may wait before it is used: enough for a browser to open the stream. */
export const STREAM_TICKET_TTL_MS = 30_000;

export interface TicketClaims {
  userId: string;
  /** The session that asked for the ticket: a stream of a revoked session is refused. */
  sessionId: string;
  /** When the access token that asked for the ticket expires (ms); the stream ends then. */
  tokenExpiresAt: number | null;
}

/**
 * Short-lived single-use tickets for routes that cannot send headers (EventSource): the access
 * token stays out of URLs (and so out of proxies' and browsers' histories). Stored in Redis by
 * their hash, so that a read of Redis does not hand out usable tickets; redeemed with GETDEL, so
 * each works once, across API processes.
 */
@Injectable()
export class StreamTicketStore implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = openRedis(config.redisUrl, 'fail-fast-api');
  }

  private key(ticket: string): string {
    const hash = createHash('sha256').update(ticket).digest('base64url');
    return `${this.config.redisPrefix}-stream-ticket:${hash}`;
  }

  async issue(claims: TicketClaims): Promise<{ ticket: string; expiresAt: string }> {
    const ticket = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(ticket), JSON.stringify(claims), 'PX', STREAM_TICKET_TTL_MS);
    return { ticket, expiresAt: new Date(Date.now() + STREAM_TICKET_TTL_MS).toISOString() };
  }

  /** The ticket's claims, once; null for an unknown, used or expired ticket. */
  async redeem(ticket: string): Promise<TicketClaims | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
    const raw = await this.redis.getdel(this.key(ticket)).catch(() => null);
    return raw ? (JSON.parse(raw) as TicketClaims) : null;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
