import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  OnModuleDestroy,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/domain-error';
import { openRedis } from '../../queue/redis-connection';

/*
 * A sorted set per user: member = stream id, score = when the stream ends at the latest (its
 * token's expiry), so the place of a stream whose API process died frees itself then.
 * KEYS: the user's set. ARGV: now, ends at, stream id, cap.
 */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]
redis.call('PEXPIREAT', KEYS[1], top)
return 1
`;

/** At most STREAMS_PER_USER live streams per user, counted over every API process. */
@Injectable()
export class StreamSlots implements OnModuleDestroy {
  private readonly logger = new Logger(StreamSlots.name);
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = openRedis(config.redisUrl, 'fail-fast-api');
  }

  /** Takes a place until `endsAt` (ms) or throws 429 naming the cap; returns its release. */
  async take(userId: string, endsAt: number): Promise<() => void> {
    const key = `${this.config.redisPrefix}-streams:${userId}`;
    const id = randomUUID();
    const cap = this.config.caps.STREAMS_PER_USER;
    let taken: number;
    try {
      taken = Number(await this.redis.eval(TAKE, 1, key, Date.now(), endsAt, id, cap));
    } catch (error) {
      // Redis down: streams are not limited rather than refused (their wake-ups need Redis too).
      this.logger.warn({ err: (error as Error).message }, 'stream slots unavailable; not limiting');
      return () => undefined;
    }
    if (!taken) {
      const message = `You already have ${cap} live streams open, the most allowed (STREAMS_PER_USER); close one first`;
      throw new DomainError(429, 'TENANT_CAP_REACHED', message, [
        { field: 'STREAMS_PER_USER', message },
      ]);
    }
    return () => void this.redis.zrem(key, id).catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/** A stream lives no longer than its credential; one without expiry gets a day. */
const MAX_STREAM_MS = 24 * 3600_000;

export type WithStreamEnd = { streamEndsAt?: number; tokenExpiresAt?: number | null };

/**
 * Takes the stream's place before the handler runs: once an SSE handler returns, the 200 and its
 * headers are on the wire and a refusal could no longer be a 429. The place is given back when
 * the connection closes, however the stream ends.
 */
@Injectable()
export class StreamSlotGuard implements CanActivate {
  constructor(private readonly slots: StreamSlots) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & WithStreamEnd & { principal: { userId: string } }>();
    const endsAt = Math.min(request.tokenExpiresAt ?? Infinity, Date.now() + MAX_STREAM_MS);
    const release = await this.slots.take(request.principal.userId, endsAt);
    http.getResponse<Response>().once('close', release);
    request.streamEndsAt = endsAt;
    return true;
  }
}

export const StreamEndsAt = createParamDecorator(
  (_data: unknown, context: ExecutionContext): number =>
    context.switchToHttp().getRequest<WithStreamEnd>().streamEndsAt ?? Date.now() + MAX_STREAM_MS,
);
