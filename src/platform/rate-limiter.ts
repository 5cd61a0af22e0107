import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { redisOptionsFromUrl } from '../queue/redis-connection';

/**
 * Fixed-window counters in Redis, shared by every API process. When Redis is unreachable the
 * limiter lets requests through (and logs): availability of the market matters more than
 * throttling during an outage.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.redisUrl),
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined);
  }

  /** Counts one hit; throws 429 with the seconds to wait when the limit is passed. */
  async hit(bucket: string, id: string, limit: number, windowMs: number): Promise<void> {
    const count = await this.count(bucket, id, windowMs, 1);
    if (count !== null && count.value > limit) throw this.tooMany(bucket, count.retryAfterSeconds);
  }

  /** Throws 429 if the counter is already over the limit, without counting. */
  async check(bucket: string, id: string, limit: number, windowMs: number): Promise<void> {
    const count = await this.count(bucket, id, windowMs, 0);
    if (count !== null && count.value >= limit) throw this.tooMany(bucket, count.retryAfterSeconds);
  }

  private async count(bucket: string, id: string, windowMs: number, increment: number) {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const key = `${this.config.redisPrefix}-rate:${bucket}:${id}:${window}`;
    try {
      const value = increment
        ? await this.redis
            .multi()
            .incrby(key, increment)
            .pexpire(key, windowMs)
            .exec()
            .then((r) => Number(r?.[0]?.[1]))
        : Number((await this.redis.get(key)) ?? 0);
      return {
        value,
        retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)),
      };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'rate limiter unavailable; not limiting');
      return null;
    }
  }

  private tooMany(bucket: string, retryAfterSeconds: number): DomainError {
    const error = new DomainError(
      429,
      'RATE_LIMITED',
      `Too many requests (${bucket}); retry in ${retryAfterSeconds} s`,
    );
    return Object.assign(error, { retryAfterSeconds });
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
