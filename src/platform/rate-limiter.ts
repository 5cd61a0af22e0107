import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { openRedis } from '../queue/redis-connection';

/** One try taken from a budget before the work it guards; given back when it should not count. */
export interface TakenTry {
  giveBack(): Promise<void>;
}

/**
 * Counters in Redis shared by every API process, through rate-limiter-flexible: each count is one
 * atomic Lua increment-with-expiry, so parallel requests cannot all read "under the limit" before
 * any of them counts. When Redis is unreachable the limiter lets requests through (and logs):
 * availability of the market matters more than throttling during an outage.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly redis: Redis;
  /** One limiter per (bucket, limit, window); the limit is part of the key as callers set it. */
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = openRedis(config.redisUrl, 'fail-fast-api');
  }

  /** Counts one hit; throws 429 with the seconds to wait when the limit is passed. */
  async hit(bucket: string, id: string, limit: number, windowMs: number): Promise<void> {
    await this.take(bucket, id, limit, windowMs);
  }

  /**
   * Takes one try atomically and throws 429 when none is left; the caller may give it back once
   * the work shows it should not count (a successful login does not count as a failure).
   */
  async take(bucket: string, id: string, limit: number, windowMs: number): Promise<TakenTry> {
    const limiter = this.limiter(bucket, limit, windowMs);
    try {
      await limiter.consume(id, 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.tooMany(bucket, rejection);
      this.unavailable(rejection);
    }
    return {
      giveBack: async () => {
        await limiter.reward(id, 1).catch((error: unknown) => this.unavailable(error));
      },
    };
  }

  /** Throws 429 if the budget is already spent, without counting. */
  async check(bucket: string, id: string, limit: number, windowMs: number): Promise<void> {
    try {
      const state = await this.limiter(bucket, limit, windowMs).get(id);
      if (state && state.consumedPoints >= limit) throw this.tooMany(bucket, state);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.unavailable(error);
    }
  }

  private limiter(bucket: string, limit: number, windowMs: number): RateLimiterRedis {
    const name = `${bucket}|${limit}|${windowMs}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.config.redisPrefix}-rate:${bucket}`,
        points: limit,
        // rate-limiter-flexible counts in whole seconds.
        duration: Math.max(1, Math.ceil(windowMs / 1000)),
        rejectIfRedisNotReady: true,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  private unavailable(error: unknown): void {
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'rate limiter unavailable; not limiting',
    );
  }

  private tooMany(bucket: string, state: RateLimiterRes): DomainError {
    const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
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
