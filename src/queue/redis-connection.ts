import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

/** BullMQ wants ioredis options; REDIS_URL is the one setting users give. */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers must block on Redis forever and reconnect by themselves (BullMQ requirement).
    maxRetriesPerRequest: null,
  };
}

/**
 * A client for request paths (rate limits, stream slots and tickets, the webhook gate, health,
 * pub/sub): it fails at once when Redis is unreachable instead of queueing commands, so that the
 * caller can decide to let the request through; connection errors are the caller's to report.
 */
export function failFastRedis(redisUrl: string): Redis {
  const redis = new Redis({
    ...redisOptionsFromUrl(redisUrl),
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  return redis;
}
